"""What the window and the CLI both do with the tracker: import, calendar, advice, funnel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.paths import content_root
from desktop.store import tracker as records
from desktop.store.database import Store
from desktop.tracker import advice
from desktop.tracker.companies import default_rounds_from
from desktop.tracker.exchange import CsvProblem, calendar_ics, parse_csv


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
