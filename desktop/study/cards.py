"""Flashcards: stable ids for library cards and FSRS scheduling (the ``fsrs`` package).

Pure functions, no database and no Qt; clocks are passed in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass

import fsrs

from desktop.study.areas import AREAS

RATINGS = {1: fsrs.Rating.Again, 2: fsrs.Rating.Hard, 3: fsrs.Rating.Good, 4: fsrs.Rating.Easy}
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}

_SCHEDULER = fsrs.Scheduler(enable_fuzzing=False)


class CardError(ValueError):
    """A card the user typed that cannot be stored; ``errors`` maps field -> message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class StudyCard:
    id: str
    source: str  # topic | user
    topic: str
    area: str
    question: str
    answer: str
    suspended: bool = False
    buried_until: str | None = None
    fsrs_json: str | None = None
    due: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def is_new(self) -> bool:
        return self.fsrs_json is None

    @property
    def is_own(self) -> bool:
        """The user's card: editable and deletable (library cards can only be suspended)."""
        return self.source == "user"


# What the card browser filters on; a card is in exactly one of them.
STATES = ("new", "learning", "review", "suspended", "buried")


def card_state(card: StudyCard, today: dt.date) -> str:
    """Suspended wins over buried, buried over the scheduling state."""
    if card.suspended:
        return "suspended"
    if card.buried_until and card.buried_until > today.isoformat():
        return "buried"
    if card.is_new:
        return "new"
    state = json.loads(card.fsrs_json).get("state")
    return "review" if state == fsrs.State.Review.value else "learning"


_TAG_SPLIT = re.compile(r"[\s,;]+")
MAX_TAG_LENGTH = 40


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as typed ("pytorch, attention  #llm"): lower case, no '#', each once, in order."""
    seen: dict[str, None] = {}
    for word in _TAG_SPLIT.split(text):
        tag = word.strip().lstrip("#").lower()
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def format_tags(tags: tuple[str, ...] | list[str]) -> str:
    return " ".join(tags)


def topic_card_id(topic_slug: str, question: str) -> str:
    """Stable across edits of the answer and of other cards: slug + hash of the question."""
    normalised = " ".join(question.split()).lower()
    digest = hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:12]
    return f"{topic_slug}:{digest}"


def validate_user_card(
    question: str, answer: str, area: str | None = None, tags: tuple[str, ...] = ()
) -> None:
    """Raises one CardError naming every field that is wrong (question, answer, area, tags)."""
    errors = {}
    if not question.strip():
        errors["question"] = "Write the front of the card (the question)."
    if not answer.strip():
        errors["answer"] = "Write the back of the card (the answer)."
    if area is not None and area not in AREAS:
        errors["area"] = "Choose an area."
    long_tags = [t for t in tags if len(t) > MAX_TAG_LENGTH]
    if long_tags:
        errors["tags"] = f"Keep each tag under {MAX_TAG_LENGTH} characters."
    if errors:
        raise CardError(errors)


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("review times must be timezone-aware")
    return moment.astimezone(dt.UTC)


def schedule(fsrs_json: str | None, rating: int, now: dt.datetime) -> tuple[str, str]:
    """Answer a card: returns (new fsrs JSON, new due as ISO UTC)."""
    if rating not in RATINGS:
        raise ValueError(f"rating must be 1-4, not {rating!r}")
    card = fsrs.Card.from_json(fsrs_json) if fsrs_json else fsrs.Card(card_id=1)
    updated, _log = _SCHEDULER.review_card(card, RATINGS[rating], review_datetime=_utc(now))
    return updated.to_json(), updated.due.astimezone(dt.UTC).isoformat(timespec="seconds")


def interval_preview(fsrs_json: str | None, now: dt.datetime) -> dict[int, str]:
    """What each answer would do, as short text ("10m", "3d") for the buttons."""
    result = {}
    for rating in RATINGS:
        _json, due = schedule(fsrs_json, rating, now)
        delta = dt.datetime.fromisoformat(due) - _utc(now)
        result[rating] = short_interval(delta)
    return result


def short_interval(delta: dt.timedelta) -> str:
    seconds = max(delta.total_seconds(), 0)
    if seconds < 3600:
        return f"{max(round(seconds / 60), 1)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 60:
        return f"{round(days)}d"
    return f"{days / 30:.1f}mo"
