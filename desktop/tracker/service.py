"""What the window and the CLI both do with the tracker: import, calendar, advice, funnel,
reminders, the month view's items, negotiation-log edits and stage forms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.paths import content_root
from desktop.store import tracker as records
from desktop.store.database import Store
from desktop.store.settings import get_setting, set_setting
from desktop.tracker import advice, reminders, schedule
from desktop.tracker.companies import default_rounds_from
from desktop.tracker.exchange import CsvProblem, calendar_ics, parse_csv
from desktop.tracker.records import (
    STAGE_STATES,
    STAGES,
    NegotiationEntry,
    ValidationError,
    validate_negotiation,
)

REMINDER_SETTINGS_KEY = "tracker.reminders"
REMINDERS_SENT_KEY = "tracker.reminders.sent"


def default_rounds():
    return default_rounds_from(content_root() / "companies")


def import_csv_text(
    store: Store, text: str, *, skip_invalid: bool = False, now: str | None = None
) -> tuple[int, list[CsvProblem]]:
    """(rows stored, problems). With problems and not skip_invalid nothing is stored."""
    parsed = parse_csv(text)
    if parsed.problems and not skip_invalid:
        return 0, parsed.problems
    records.save_applications(store, parsed.applications, now=now, default_rounds=default_rounds())
    return len(parsed.applications), parsed.problems


def calendar_text(store: Store, now: dt.datetime | None = None) -> str:
    names = {a.id: f"{a.company}: {a.role}" for a in records.applications(store)}
    events = [
        (e, f"{names.get(e.application_id, 'Interview')} ({e.round_type.replace('-', ' ')})")
        for e in records.events(store)
    ]
    deadlines = [
        (d, d.title or f"{names.get(d.application_id, '')} {d.kind.replace('-', ' ')}".strip())
        for d in records.deadlines(store)
    ]
    return calendar_ics(events, deadlines, now=now)


def received_offer_dates(history: list[records.HistoryEntry]) -> dict[int, dt.date]:
    received = {}
    for entry in history:
        if entry.kind == "status" and entry.to_value == "offer":
            received.setdefault(entry.application_id, dt.date.fromisoformat(entry.at[:10]))
    return received


def current_advice(
    store: Store,
    today: dt.date,
    follow_up_days: int = advice.FOLLOW_UP_DAYS,
    ghost_days: int = advice.GHOST_DAYS,
) -> list[advice.Advice]:
    """Every warning for today, from SQL aggregates (no per-event objects)."""
    applications = records.applications(store)
    companies = {c.name: c.preference for c in records.companies(store)}
    finals = records.first_final_dates(store)
    offers = records.offers(store)
    last = advice.last_activity(
        applications,
        records.latest_change_dates(store),
        records.latest_past_event_dates(store, today),
        today,
    )
    return (
        advice.finals_order(applications, companies, finals, today)
        + advice.offer_expiry(applications, offers, finals, today)
        + advice.offers_apart(applications, offers, records.offer_received_dates(store), today)
        + advice.silence(applications, last, today, follow_up_days, ghost_days)
    )


FUNNEL_STEPS = (
    ("Applied", ("applied", "screening", "interviewing", "offer", "accepted", "declined")),
    ("Screen", ("screening", "interviewing", "offer", "accepted", "declined")),
    ("Onsite", ("interviewing", "offer", "accepted", "declined")),
    ("Offer", ("offer", "accepted", "declined")),
)


@dataclass(frozen=True)
class FunnelStep:
    name: str
    count: int
    rate: float | None  # share of the previous step that got here


def funnel(history: list[records.HistoryEntry]) -> list[FunnelStep]:
    """How many applications ever reached each step (from the history, so a rejection after
    the onsite still counts as having reached it), with step-to-step conversion."""
    reached: dict[int, set[str]] = {}
    for entry in history:
        if entry.kind == "status":
            reached.setdefault(entry.application_id, set()).add(entry.to_value)
    steps, previous = [], None
    for name, statuses in FUNNEL_STEPS:
        count = sum(1 for seen in reached.values() if seen & set(statuses))
        rate = (count / previous) if previous else None
        steps.append(FunnelStep(name, count, rate))
        previous = count
    return steps


# --- who an item belongs to ------------------------------------------------------------


def application_labels(store: Store):
    """A ``who(application_id)`` lookup ("Company: Role"); ``who.preload(ids)`` reads many
    in one query, and anything not preloaded is read on first use."""
    cache: dict[int | None, str] = {None: ""}

    def preload(ids) -> None:
        wanted = sorted({i for i in ids if i is not None and i not in cache})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = store.conn.execute(
                "SELECT a.id, c.name, a.role FROM tracker_applications a "
                f"JOIN tracker_companies c ON c.id = a.company_id WHERE a.id IN ({marks})",
                chunk,
            )
            cache.update({row[0]: f"{row[1]}: {row[2]}" for row in rows})
            cache.update({i: "" for i in chunk if i not in cache})

    def who(application_id: int | None) -> str:
        if application_id not in cache:
            preload([application_id])
        return cache[application_id]

    who.preload = preload
    return who


def get_event(store: Store, event_id: int):
    """One interview event by id (read through its application, so it stays fast)."""
    found = store.conn.execute(
        "SELECT application_id FROM tracker_events WHERE id = ?", [event_id]
    ).fetchone()
    if found is None:
        return None
    return next(
        (e for e in records.events(store, application_id=found[0]) if e.id == event_id), None
    )


# --- month view ------------------------------------------------------------------------


def calendar_items(
    store: Store, first: dt.date, last: dt.date, tz: dt.tzinfo | None = None
) -> dict[dt.date, list[schedule.DayItem]]:
    """Interviews (on their local day) and deadlines from ``first`` to ``last`` inclusive."""
    start, end = schedule.local_bounds(first, last, tz)
    events = records.events(store, start=start, end=end)
    deadlines = records.deadlines(store, start=first, end=last + dt.timedelta(days=1))
    who = application_labels(store)
    who.preload([e.application_id for e in events] + [d.application_id for d in deadlines])
    return schedule.items_by_day(events, deadlines, who, tz, first, last)


# --- reminders -------------------------------------------------------------------------


def load_reminder_settings(store: Store) -> reminders.ReminderSettings:
    return reminders.ReminderSettings.from_record(get_setting(store, REMINDER_SETTINGS_KEY))


def save_reminder_settings(store: Store, settings: reminders.ReminderSettings) -> None:
    reminders.validate_settings(settings)
    set_setting(store, REMINDER_SETTINGS_KEY, settings.to_record())


def sent_reminder_keys(store: Store) -> dict[str, str]:
    value = get_setting(store, REMINDERS_SENT_KEY, {})
    return value if isinstance(value, dict) else {}


def mark_reminders_sent(store: Store, keys: list[str], now: dt.datetime) -> None:
    """Remember shown reminders (pruning old keys), so a restart does not show them again."""
    sent = reminders.prune_sent(sent_reminder_keys(store), now)
    stamp = now.isoformat(timespec="seconds")
    for key in keys:
        sent[key] = stamp
    set_setting(store, REMINDERS_SENT_KEY, sent)


def reminder_items(
    store: Store,
    settings: reminders.ReminderSettings,
    now: dt.datetime,
    tz: dt.tzinfo | None = None,
) -> list[reminders.ReminderItem]:
    """Interviews and open deadlines close enough to now for one of their leads to be due."""
    who = application_labels(store)
    items: list[reminders.ReminderItem] = []
    if settings.interview_leads:
        horizon = now + dt.timedelta(minutes=max(settings.interview_leads) + 1)
        upcoming = records.events(store, start=now, end=horizon)
        who.preload(e.application_id for e in upcoming)
        items += reminders.interview_items((e, who(e.application_id)) for e in upcoming)
    if settings.deadline_leads:
        today = now.astimezone(tz).date()
        days = max(settings.deadline_leads) // (24 * 60) + 2
        found = records.deadlines(store, start=today, end=today + dt.timedelta(days=days))
        items += reminders.deadline_items(((d, who(d.application_id)) for d in found), tz)
    return items


def reminders_due(
    store: Store, now: dt.datetime, tz: dt.tzinfo | None = None
) -> list[reminders.Reminder]:
    """What the window should show now (nothing is marked sent here)."""
    settings = load_reminder_settings(store)
    if not settings.enabled:
        return []
    items = reminder_items(store, settings, now, tz)
    return reminders.due_reminders(items, settings, now, sent_reminder_keys(store), tz)


# --- negotiation log -------------------------------------------------------------------


def save_negotiation(store: Store, entry: NegotiationEntry) -> int:
    """Add an entry, or edit one in place (it must still exist, on the same offer)."""
    validate_negotiation(entry)
    if entry.id is not None:
        existing = {n.id for n in records.negotiations(store, entry.offer_id)}
        if entry.id not in existing:
            raise ValidationError({"asked": "this entry was deleted meanwhile; add it again"})
    return records.add_negotiation(store, entry)


def delete_negotiation(store: Store, entry: NegotiationEntry) -> records.Deleted:
    """Delete one entry; ``records.restore`` puts it back (Ctrl+Z)."""
    return records.delete_record(
        store, "tracker_negotiations", entry.id, f"negotiation entry of {entry.on_date}"
    )


# --- stages through a form -------------------------------------------------------------


def stages_from_states(states: dict[str, str]) -> dict[str, str]:
    """The stage mapping an application stores (pending is the default, so it is left out);
    one ValidationError naming every stage given an unknown state."""
    errors = {
        stage: "choose one of: " + ", ".join(STAGE_STATES)
        for stage, state in states.items()
        if stage in STAGES and state not in STAGE_STATES
    }
    errors.update({stage: "not a pipeline stage" for stage in states if stage not in STAGES})
    if errors:
        raise ValidationError(errors)
    return {stage: states[stage] for stage in STAGES if states.get(stage, "pending") != "pending"}


def save_stages(
    store: Store, application_id: int, states: dict[str, str], *, now: str | None = None
) -> int:
    """Set every stage's state at once; each change goes to the history in one transaction."""
    application = records.get_application(store, application_id)
    if application is None:
        raise ValidationError({"application_id": "this application was deleted"})
    application.stages = stages_from_states(states)
    return records.save_application(store, application, now=now)
