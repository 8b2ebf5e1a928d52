"""Study tables: flashcards with their FSRS state, the review log, checklist ticks, profile.

Clocks are passed in (``now`` is a timezone-aware datetime) so tests are deterministic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from desktop.store.database import Store
from desktop.store.settings import get_setting, set_setting
from desktop.study.areas import topic_area
from desktop.study.cards import (
    CardError,
    StudyCard,
    format_tags,
    schedule,
    topic_card_id,
    validate_user_card,
)

PROFILE_KEY = "study.profile"
NEW_LIMIT_KEY = "study.new_per_day"
DEFAULT_NEW_PER_DAY = 20

_COLUMNS = "id, source, topic, area, question, answer, suspended, buried_until, fsrs, due, tags"


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _card(row) -> StudyCard:
    return StudyCard(
        row[0],
        row[1],
        row[2] or "",
        row[3] or "",
        row[4],
        row[5],
        bool(row[6]),
        row[7],
        row[8],
        row[9],
        tuple((row[10] or "").split()),
    )


# --- cards -------------------------------------------------------------------------------


def sync_topic_cards(store: Store, topics: Iterable, now: dt.datetime) -> int:
    """Add the library's flashcards not yet stored (and refresh texts); returns how many new."""
    existing = {r[0] for r in store.conn.execute("SELECT id FROM study_cards")}
    added = 0
    with store.transaction() as db:
        for topic in topics:
            for card in topic.flashcards:
                card_id = topic_card_id(topic.slug, card.question)
                if card_id in existing:
                    db.execute(
                        "UPDATE study_cards SET question = ?, answer = ? WHERE id = ?",
                        [card.question, card.answer, card_id],
                    )
                    continue
                existing.add(card_id)
                added += 1
                db.table("study_cards").insert(
                    {
                        "id": card_id,
                        "source": "topic",
                        "topic": topic.slug,
                        "area": topic_area(topic.area),
                        "question": card.question,
                        "answer": card.answer,
                        "created_at": _iso(now),
                        "suspended": 0,
                    }
                )
    return added


def add_user_card(
    store: Store,
    question: str,
    answer: str,
    *,
    area: str,
    now: dt.datetime,
    topic: str = "",
    tags: tuple[str, ...] = (),
) -> str:
    """Store one of the user's own cards (new, so it enters today's new cards); returns its id."""
    validate_user_card(question, answer, area, tags)
    base = hashlib.sha1(f"{question}\n{_iso(now)}".encode()).hexdigest()[:12]
    card_id, suffix = f"user:{base}", 1
    while store.conn.execute("SELECT 1 FROM study_cards WHERE id = ?", [card_id]).fetchone():
        suffix += 1
        card_id = f"user:{base}-{suffix}"
    with store.transaction() as db:
        db.table("study_cards").insert(
            {
                "id": card_id,
                "source": "user",
                "topic": topic,
                "area": area,
                "question": question.strip(),
                "answer": answer.strip(),
                "created_at": _iso(now),
                "updated_at": _iso(now),
                "suspended": 0,
                "tags": format_tags(tags),
            }
        )
    return card_id


def _own_card(store: Store, card_id: str) -> StudyCard:
    card = get_card(store, card_id)
    if card is None:
        raise KeyError(card_id)
    if not card.is_own:
        raise CardError({"card": "Cards from the library cannot be changed; suspend it instead."})
    return card


def update_user_card(
    store: Store,
    card_id: str,
    question: str,
    answer: str,
    *,
    area: str,
    now: dt.datetime,
    topic: str = "",
    tags: tuple[str, ...] = (),
) -> None:
    """Change the user's own card; its schedule and review history stay."""
    _own_card(store, card_id)
    validate_user_card(question, answer, area, tags)
    with store.transaction() as db:
        db.execute(
            "UPDATE study_cards SET question = ?, answer = ?, area = ?, topic = ?, tags = ?, "
            "updated_at = ? WHERE id = ?",
            [question.strip(), answer.strip(), area, topic, format_tags(tags), _iso(now), card_id],
        )


def delete_user_card(store: Store, card_id: str) -> None:
    """Remove the user's own card and its review history, together."""
    _own_card(store, card_id)
    with store.transaction() as db:
        db.execute("DELETE FROM study_reviews WHERE card_id = ?", [card_id])
        db.execute("DELETE FROM study_cards WHERE id = ?", [card_id])


def get_card(store: Store, card_id: str) -> StudyCard | None:
    row = store.conn.execute(
        f"SELECT {_COLUMNS} FROM study_cards WHERE id = ?", [card_id]
    ).fetchone()
    return _card(row) if row else None


def all_cards(store: Store) -> list[StudyCard]:
    return [_card(r) for r in store.conn.execute(f"SELECT {_COLUMNS} FROM study_cards")]


def set_suspended(store: Store, card_id: str, suspended: bool = True) -> None:
    with store.transaction() as db:
        db.execute("UPDATE study_cards SET suspended = ? WHERE id = ?", [int(suspended), card_id])


def bury(store: Store, card_id: str, today: dt.date) -> None:
    """Hide the card until tomorrow."""
    until = (today + dt.timedelta(days=1)).isoformat()
    with store.transaction() as db:
        db.execute("UPDATE study_cards SET buried_until = ? WHERE id = ?", [until, card_id])


def unbury(store: Store, card_id: str) -> None:
    with store.transaction() as db:
        db.execute("UPDATE study_cards SET buried_until = NULL WHERE id = ?", [card_id])


def new_per_day(store: Store) -> int:
    return int(get_setting(store, NEW_LIMIT_KEY, DEFAULT_NEW_PER_DAY))


def _day_start(now: dt.datetime) -> dt.datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def new_introduced_today(store: Store, now: dt.datetime) -> int:
    return store.conn.execute(
        "SELECT count(*) FROM study_reviews WHERE before IS NULL AND reviewed_at >= ?",
        [_iso(_day_start(now))],
    ).fetchone()[0]


def review_queue(
    store: Store,
    now: dt.datetime,
    *,
    new_limit: int | None = None,
    priority: dict[str, dt.date] | None = None,
) -> list[StudyCard]:
    """Due cards, then today's share of new cards.

    ``priority`` maps a study area or topic slug to an interview date: cards there come
    first, and a card scheduled after that date is pulled forward so it is seen before it.
    """
    priority = priority or {}
    today = now.date().isoformat()
    limit = new_per_day(store) if new_limit is None else new_limit
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM study_cards WHERE suspended = 0 "
        "AND (buried_until IS NULL OR buried_until <= ?)",
        [today],
    )
    due, new = [], []
    now_iso = _iso(now)
    for card in map(_card, rows):
        deadline = min(
            (d for key, d in priority.items() if key in (card.area, card.topic)), default=None
        )
        urgent = deadline is not None
        if card.is_new:
            new.append((not urgent, card.id, card))
        elif card.due <= now_iso or (urgent and card.due[:10] >= deadline.isoformat()):
            due.append((not urgent, card.due, card))
    due.sort(key=lambda item: item[:2])
    new.sort(key=lambda item: item[:2])
    room = max(limit - new_introduced_today(store, now), 0)
    return [c for *_k, c in due] + [c for *_k, c in new[:room]]


def answer(store: Store, card_id: str, rating: int, now: dt.datetime) -> None:
    card = get_card(store, card_id)
    if card is None:
        raise KeyError(card_id)
    new_json, new_due = schedule(card.fsrs_json, rating, now)
    with store.transaction() as db:
        db.table("study_reviews").insert(
            {
                "card_id": card_id,
                "rating": rating,
                "reviewed_at": _iso(now),
                "before": card.fsrs_json,
                "before_due": card.due,
            }
        )
        db.execute(
            "UPDATE study_cards SET fsrs = ?, due = ? WHERE id = ?", [new_json, new_due, card_id]
        )


def undo_last(store: Store) -> str | None:
    """Take back the most recent answer; returns the card's id (or None if nothing to undo)."""
    row = store.conn.execute(
        "SELECT id, card_id, before, before_due FROM study_reviews ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if not row:
        return None
    with store.transaction() as db:
        db.execute(
            "UPDATE study_cards SET fsrs = ?, due = ? WHERE id = ?", [row[2], row[3], row[1]]
        )
        db.execute("DELETE FROM study_reviews WHERE id = ?", [row[0]])
    return row[1]


def due_counts(store: Store, now: dt.datetime) -> dict[str, tuple[int, int]]:
    """Per study area: (due now, new not yet seen), suspended and buried cards left out."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows = store.conn.execute(
        "SELECT area, fsrs IS NULL, due FROM study_cards WHERE suspended = 0 "
        "AND (buried_until IS NULL OR buried_until <= ?)",
        [now.date().isoformat()],
    )
    now_iso = _iso(now)
    for area, is_new, due in rows:
        if is_new:
            counts[area][1] += 1
        elif due <= now_iso:
            counts[area][0] += 1
    return {area: (c[0], c[1]) for area, c in counts.items()}


def reviews_per_day(store: Store, tz: dt.tzinfo | None = None) -> list[tuple[dt.date, int]]:
    counts: Counter[dt.date] = Counter()
    for (at,) in store.conn.execute("SELECT reviewed_at FROM study_reviews"):
        counts[dt.datetime.fromisoformat(at).astimezone(tz).date()] += 1
    return sorted(counts.items())


def lapses_by_area(store: Store) -> dict[str, tuple[int, int]]:
    """Per study area: (answers rated Again, all answers)."""
    rows = store.conn.execute(
        "SELECT c.area, sum(r.rating = 1), count(*) FROM study_reviews r "
        "JOIN study_cards c ON c.id = r.card_id GROUP BY c.area"
    )
    return {r[0]: (r[1] or 0, r[2]) for r in rows}


# --- checklist and profile ---------------------------------------------------------------


def ticked_items(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT item FROM study_checklist")}


def set_ticked(store: Store, item: str, ticked: bool, now: dt.datetime) -> None:
    with store.transaction() as db:
        if ticked:
            db.table("study_checklist").upsert({"item": item, "ticked_at": _iso(now)}, pk="item")
        else:
            db.execute("DELETE FROM study_checklist WHERE item = ?", [item])


def load_profile_data(store: Store) -> dict | None:
    return get_setting(store, PROFILE_KEY)


def save_profile_data(store: Store, data: dict) -> None:
    set_setting(store, PROFILE_KEY, data)


# --- the tracker, read in one place ------------------------------------------------------


def _has_table(store: Store, name: str) -> bool:
    return bool(
        store.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]
        ).fetchone()
    )


def upcoming_tracker(store: Store, now: dt.datetime, days: int = 7) -> tuple[list, list]:
    """Interviews (with their company name) and open deadlines in the next ``days`` days.

    Returns ([(InterviewEvent, company)], [(Deadline, company)]); empty when the tracker's
    tables do not exist.
    """
    if not _has_table(store, "tracker_events"):
        return [], []
    from desktop.store import tracker

    names = {
        r[0]: r[1]
        for r in store.conn.execute(
            "SELECT a.id, c.name FROM tracker_applications a "
            "JOIN tracker_companies c ON c.id = a.company_id"
        )
    }
    end = now + dt.timedelta(days=days)
    events = [
        (event, names.get(event.application_id, ""))
        for event in tracker.events(store, start=now, end=end)
    ]
    deadlines = [
        (deadline, names.get(deadline.application_id, ""))
        for deadline in tracker.deadlines(
            store, start=now.date(), end=now.date() + dt.timedelta(days=days + 1)
        )
        if not deadline.done
    ]
    return events, deadlines
