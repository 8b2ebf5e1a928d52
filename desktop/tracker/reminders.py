"""Which reminders are due now, given the interviews, deadlines, lead times and what was sent.

Pure: no clock, no store, no Qt. The window asks once a minute with the current time and the
keys it has already shown (kept in the store, so a reminder fires once across restarts too).

Rules:

- An interview is reminded ``interview_leads`` minutes before its start (default 24 h and 1 h).
- A deadline is a date; it is due by the end of that day in the user's time zone, and is
  reminded ``deadline_leads`` minutes before that moment (default 24 h, so on the morning of
  the due day). Deadlines marked done are never reminded.
- Each (item, lead) has a stable key that includes the item's time, so rescheduling an
  interview reminds again for the new time and nothing else ever repeats.
- Missed while the app was closed: for an item still ahead, only the nearest lead that has
  passed fires (the 1 h one, not also the stale 24 h one), and the larger passed leads are
  marked sent with it. An item whose time has passed fires nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop.tracker.records import Deadline, InterviewEvent, ValidationError
from desktop.tracker.schedule import round_title

DEFAULT_INTERVIEW_LEADS = (24 * 60, 60)
DEFAULT_DEADLINE_LEADS = (24 * 60,)
MAX_LEAD_MINUTES = 7 * 24 * 60  # a week: further ahead is planning, not a reminder
MAX_LEADS = 5
SENT_KEEP_DAYS = 30  # sent keys older than this cannot matter any more (leads are <= a week)
INTERVIEW = "interview"
DEADLINE = "deadline"

_UNITS = {
    "m": 1,
    "min": 1,
    "mins": 1,
    "minute": 1,
    "minutes": 1,
    "h": 60,
    "hr": 60,
    "hrs": 60,
    "hour": 60,
    "hours": 60,
    "d": 24 * 60,
    "day": 24 * 60,
    "days": 24 * 60,
}
_LEAD = re.compile(r"^(\d+(?:\.\d+)?)\s*([a-z]*)$")


@dataclass(frozen=True)
class ReminderSettings:
    enabled: bool = True
    interview_leads: tuple[int, ...] = DEFAULT_INTERVIEW_LEADS  # minutes before the start
    deadline_leads: tuple[int, ...] = DEFAULT_DEADLINE_LEADS  # minutes before the day ends

    def to_record(self) -> dict:
        return {
            "enabled": self.enabled,
            "interview_leads": list(self.interview_leads),
            "deadline_leads": list(self.deadline_leads),
        }

    @classmethod
    def from_record(cls, record: object) -> ReminderSettings:
        """Settings from what the store holds; anything unreadable falls back to defaults."""
        if not isinstance(record, dict):
            return cls()
        try:
            settings = cls(
                enabled=bool(record.get("enabled", True)),
                interview_leads=tuple(int(v) for v in record.get("interview_leads", [])),
                deadline_leads=tuple(int(v) for v in record.get("deadline_leads", [])),
            )
            validate_settings(settings)
        except (TypeError, ValueError):
            return cls()
        return settings


@dataclass(frozen=True)
class ReminderItem:
    """Something to be reminded of: an interview start or the end of a deadline's day."""

    kind: str  # INTERVIEW or DEADLINE
    record_id: int
    at: dt.datetime  # aware
    who: str  # "DeepMind: Research Scientist" or ""
    what: str  # "ML coding", "Take-home due"
    place: str = ""


@dataclass(frozen=True)
class Reminder:
    key: str
    item: ReminderItem
    lead_minutes: int
    title: str
    body: str
    covers: tuple[str, ...] = field(default=())  # every key this one marks sent


def format_minutes(minutes: int) -> str:
    """1440 -> "24h", 90 -> "90m", 60 -> "1h", 2880 -> "2d"."""
    if minutes % (24 * 60) == 0 and minutes >= 48 * 60:
        return f"{minutes // (24 * 60)}d"
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"


def format_leads(leads: Sequence[int]) -> str:
    return ", ".join(format_minutes(m) for m in leads)


def parse_leads(text: str) -> tuple[int, ...]:
    """Lead times such as "24h, 1h, 30m" (also "2d", "90 min") as minutes, largest first.

    An empty text means no reminders of that kind. Raises ValueError with a readable message.
    """
    parts = [p for p in re.split(r"[,;]+", (text or "").strip().lower()) if p.strip()]
    leads: set[int] = set()
    for part in parts:
        found = _LEAD.match(part.strip())
        if not found:
            raise ValueError(f"“{part.strip()}” is not a time; write e.g. 24h, 1h or 30m")
        number, unit = found.groups()
        if not unit:
            raise ValueError(f"add a unit to {number}: {number}h or {number}m")
        if unit not in _UNITS:
            raise ValueError(f"unknown unit “{unit}”; use m, h or d")
        minutes = round(float(number) * _UNITS[unit])
        if minutes <= 0:
            raise ValueError("each time must be at least 1 minute before")
        if minutes > MAX_LEAD_MINUTES:
            raise ValueError(f"at most {format_minutes(MAX_LEAD_MINUTES)} before")
        leads.add(minutes)
    if len(leads) > MAX_LEADS:
        raise ValueError(f"at most {MAX_LEADS} reminders")
    return tuple(sorted(leads, reverse=True))


def validate_settings(settings: ReminderSettings) -> None:
    errors: dict[str, str] = {}
    for name in ("interview_leads", "deadline_leads"):
        leads = getattr(settings, name)
        if len(leads) > MAX_LEADS:
            errors[name] = f"at most {MAX_LEADS} reminders"
        elif len(set(leads)) != len(leads):
            errors[name] = "the same time is given twice"
        elif any(not isinstance(m, int) or not 1 <= m <= MAX_LEAD_MINUTES for m in leads):
            errors[name] = f"each time from 1 minute to {format_minutes(MAX_LEAD_MINUTES)} before"
    if errors:
        raise ValidationError(errors)


def settings_from_text(enabled: bool, interview_text: str, deadline_text: str) -> ReminderSettings:
    """What the settings form gives; one ValidationError naming every bad field."""
    errors: dict[str, str] = {}
    leads: dict[str, tuple[int, ...]] = {}
    for name, text in (("interview_leads", interview_text), ("deadline_leads", deadline_text)):
        try:
            leads[name] = parse_leads(text)
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise ValidationError(errors)
    settings = ReminderSettings(bool(enabled), leads["interview_leads"], leads["deadline_leads"])
    validate_settings(settings)
    return settings


def deadline_moment(due_on: str, tz: dt.tzinfo | None = None) -> dt.datetime:
    """The end of the due day (midnight after it) in the user's zone."""
    midnight = dt.datetime.combine(dt.date.fromisoformat(due_on) + dt.timedelta(days=1), dt.time())
    return midnight.replace(tzinfo=tz) if tz is not None else midnight.astimezone()


def interview_items(events: Iterable[tuple[InterviewEvent, str]]) -> list[ReminderItem]:
    return [
        ReminderItem(
            INTERVIEW,
            event.id or 0,
            event.start,
            who,
            round_title(event.round_type) + (" (final)" if event.final else ""),
            event.place,
        )
        for event, who in events
    ]


def deadline_items(
    deadlines: Iterable[tuple[Deadline, str]], tz: dt.tzinfo | None = None
) -> list[ReminderItem]:
    return [
        ReminderItem(
            DEADLINE,
            deadline.id or 0,
            deadline_moment(deadline.due_on, tz),
            who,
            deadline.title or deadline.kind.replace("-", " ").capitalize(),
        )
        for deadline, who in deadlines
        if not deadline.done
    ]


def reminder_key(item: ReminderItem, lead_minutes: int) -> str:
    at = item.at.astimezone(dt.UTC).strftime("%Y%m%dT%H%MZ")
    return f"{item.kind}:{item.record_id}:{at}:{lead_minutes}"


def _until(delta: dt.timedelta) -> str:
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 1:
        return "now"
    if minutes < 90:
        return f"in {minutes} min"
    hours = round(minutes / 60)
    if hours < 36:
        return f"in {hours} h"
    return f"in {round(hours / 24)} days"


def _message(item: ReminderItem, now: dt.datetime, tz: dt.tzinfo | None) -> tuple[str, str]:
    local = item.at.astimezone(tz)
    until = _until(item.at - now)
    if item.kind == INTERVIEW:
        title = f"Interview {until}: {item.who or item.what}"
        body = f"{local:%a %d %b %H:%M} · {item.what}" + (f" · {item.place}" if item.place else "")
    else:
        title = f"Deadline {until}: {item.what}"
        due_day = (local - dt.timedelta(minutes=1)).date()
        body = f"Due by the end of {due_day:%a %d %b}" + (f" · {item.who}" if item.who else "")
    return title, body


def due_reminders(
    items: Iterable[ReminderItem],
    settings: ReminderSettings,
    now: dt.datetime,
    sent: Iterable[str],
    tz: dt.tzinfo | None = None,
) -> list[Reminder]:
    """The reminders to show now, at most one per item, soonest item first."""
    if not settings.enabled:
        return []
    already = set(sent)
    due: list[Reminder] = []
    for item in items:
        if item.at <= now:
            continue  # over: reminding now would only be noise
        leads = settings.interview_leads if item.kind == INTERVIEW else settings.deadline_leads
        passed = [lead for lead in leads if item.at - dt.timedelta(minutes=lead) <= now]
        if not passed:
            continue
        nearest = min(passed)
        key = reminder_key(item, nearest)
        if key in already:
            continue  # the nearest one was shown; larger ones were covered by it
        title, body = _message(item, now, tz)
        covers = tuple(reminder_key(item, lead) for lead in sorted(passed))
        due.append(Reminder(key, item, nearest, title, body, covers))
    due.sort(key=lambda r: (r.item.at, r.item.kind, r.item.record_id))
    return due


def prune_sent(sent: dict[str, str], now: dt.datetime) -> dict[str, str]:
    """Drop keys sent more than SENT_KEEP_DAYS ago (values are ISO instants)."""
    cutoff = now - dt.timedelta(days=SENT_KEEP_DAYS)
    kept = {}
    for key, at in sent.items():
        try:
            when = dt.datetime.fromisoformat(at)
        except (TypeError, ValueError):
            continue
        if when.tzinfo is None:
            when = when.astimezone()
        if when >= cutoff:
            kept[key] = at
    return kept
