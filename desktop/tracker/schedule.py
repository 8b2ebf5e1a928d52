"""Interviews and deadlines placed on the user's local days: the month grid and each day's items.

An interview is stored with its own UTC offset; it belongs to the day it starts on in the
user's time zone (a 02:30 UTC start is the evening before in New York). A deadline is a date
and belongs to that date. ``tz=None`` means the machine's zone; tests pass a fixed one.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.tracker.records import Deadline, InterviewEvent

GRID_WEEKS = 6  # every month fits in six rows whatever day it starts on
INTERVIEW = "interview"
DEADLINE = "deadline"


@dataclass(frozen=True)
class DayItem:
    """One line of a calendar day."""

    kind: str  # INTERVIEW or DEADLINE
    record_id: int
    application_id: int | None
    day: dt.date
    starts: dt.datetime | None  # interviews: the local start; deadlines: None (all day)
    minutes: int
    who: str  # "DeepMind: Research Scientist", or "" when not tied to an application
    what: str  # "ML coding · final", "Take-home due"
    round_type: str = ""
    final: bool = False
    done: bool = False
    place: str = ""

    @property
    def time_text(self) -> str:
        return self.starts.strftime("%H:%M") if self.starts else ""

    @property
    def short(self) -> str:
        """What fits in a calendar cell: time and company first."""
        company = self.who.split(":", 1)[0] if self.who else ""
        if self.kind == INTERVIEW:
            return f"{self.time_text} {company or self.what}".strip()
        return f"⚑ {company + ' · ' if company else ''}{self.what}"

    @property
    def long(self) -> str:
        """What the day list shows: everything, one line."""
        if self.kind == INTERVIEW and self.starts is not None:
            end = self.starts + dt.timedelta(minutes=self.minutes)
            parts = [f"{self.starts:%H:%M}–{end:%H:%M}", self.who or "Interview", self.what]
            if self.place:
                parts.append(self.place)
            return " · ".join(parts)
        parts = ["All day", self.what]
        if self.who:
            parts.insert(1, self.who)
        if self.done:
            parts.append("done")
        return " · ".join(parts)


@functools.cache
def round_title(round_type: str) -> str:
    """``ml-coding`` -> ``ML coding``."""
    words = round_type.replace("-", " ").split()
    shown = [w.upper() if w in ("ml", "ai") else w for w in words]
    text = " ".join(shown)
    return text[:1].upper() + text[1:]


def month_days(year: int, month: int, first_weekday: int = 0) -> list[dt.date]:
    """The 42 days a month grid shows, starting on ``first_weekday`` (0 = Monday)."""
    first = dt.date(year, month, 1)
    start = first - dt.timedelta(days=(first.weekday() - first_weekday) % 7)
    return [start + dt.timedelta(days=i) for i in range(GRID_WEEKS * 7)]


def shift_month(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def local_bounds(
    first: dt.date, last: dt.date, tz: dt.tzinfo | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """Aware instants covering local days ``first``..``last``, a day wider on each side so no
    zone or daylight-saving shift loses an event at the edge; callers filter by day."""
    start = dt.datetime.combine(first - dt.timedelta(days=1), dt.time())
    end = dt.datetime.combine(last + dt.timedelta(days=2), dt.time())
    if tz is None:
        return start.astimezone(), end.astimezone()
    return start.replace(tzinfo=tz), end.replace(tzinfo=tz)


def interview_item(event: InterviewEvent, who: str, tz: dt.tzinfo | None = None) -> DayItem:
    local = event.local_start(tz)
    what = round_title(event.round_type) + (" · final" if event.final else "")
    return DayItem(
        kind=INTERVIEW,
        record_id=event.id or 0,
        application_id=event.application_id,
        day=local.date(),
        starts=local,
        minutes=event.duration_minutes,
        who=who,
        what=what,
        round_type=event.round_type,
        final=event.final,
        place=event.place,
    )


def deadline_item(deadline: Deadline, who: str) -> DayItem:
    what = deadline.title or deadline.kind.replace("-", " ").capitalize()
    return DayItem(
        kind=DEADLINE,
        record_id=deadline.id or 0,
        application_id=deadline.application_id,
        day=dt.date.fromisoformat(deadline.due_on),
        starts=None,
        minutes=0,
        who=who,
        what=what,
        done=deadline.done,
    )


def _order(item: DayItem) -> tuple:
    # All-day deadlines first (as calendars show them), then interviews by time.
    if item.starts is None:
        return (0, dt.time(), item.record_id)
    return (1, item.starts.time(), item.record_id)


def items_by_day(
    events: Iterable[InterviewEvent],
    deadlines: Iterable[Deadline],
    who: Callable[[int | None], str],
    tz: dt.tzinfo | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> dict[dt.date, list[DayItem]]:
    """Each local day's items in display order, limited to ``first``..``last`` when given."""
    days: dict[dt.date, list[DayItem]] = {}
    items = [interview_item(e, who(e.application_id), tz) for e in events]
    items += [deadline_item(d, who(d.application_id)) for d in deadlines]
    for item in items:
        if first is not None and item.day < first:
            continue
        if last is not None and item.day > last:
            continue
        days.setdefault(item.day, []).append(item)
    for day_items in days.values():
        day_items.sort(key=_order)
    return days
