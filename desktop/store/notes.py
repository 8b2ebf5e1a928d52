"""The user's notes, confidence ratings, review dates and bookmarks per topic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.store.database import Store, now_iso


@dataclass
class TopicNote:
    topic: str
    body: str = ""
    confidence: int | None = None
    reviewed_on: str | None = None
    bookmarked: bool = False
    updated_at: str | None = None


class NoteError(ValueError):
    pass


def get_note(store: Store, topic: str) -> TopicNote:
    row = store.conn.execute(
        "SELECT body, confidence, reviewed_on, bookmarked, updated_at FROM notes WHERE topic = ?",
        [topic],
    ).fetchone()
    if not row:
        return TopicNote(topic)
    return TopicNote(topic, row[0] or "", row[1], row[2], bool(row[3]), row[4])


def save_note(store: Store, note: TopicNote) -> None:
    if note.confidence is not None and note.confidence not in range(1, 6):
        raise NoteError("confidence must be between 1 and 5")
    if note.reviewed_on is not None:
        dt.date.fromisoformat(note.reviewed_on)
    with store.transaction() as db:
        db.table("notes").upsert(
            {
                "topic": note.topic,
                "body": note.body,
                "confidence": note.confidence,
                "reviewed_on": note.reviewed_on,
                "bookmarked": int(note.bookmarked),
                "updated_at": now_iso(),
            },
            pk="topic",
        )


def update_note(store: Store, topic: str, **changes) -> TopicNote:
    note = get_note(store, topic)
    for key, value in changes.items():
        setattr(note, key, value)
    save_note(store, note)
    return note


def all_notes(store: Store) -> list[TopicNote]:
    rows = store.conn.execute(
        "SELECT topic, body, confidence, reviewed_on, bookmarked, updated_at FROM notes"
    )
    return [TopicNote(r[0], r[1] or "", r[2], r[3], bool(r[4]), r[5]) for r in rows]
