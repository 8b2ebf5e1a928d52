"""Gentle warnings computed from the tracker's records; pure functions with ``today`` injected.

The rules follow the preparation guides: sequence interviews lower-preference first (so the
finals you care about most come when you are sharpest), aim for offers to land in one window,
follow up on processes that went quiet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.tracker.records import Application, InterviewEvent, Offer

IN_PROGRESS = ("applied", "screening", "interviewing")
FOLLOW_UP_DAYS = 10
GHOST_DAYS = 30


@dataclass(frozen=True)
class Advice:
    kind: str  # finals-order | offer-expiry | follow-up | ghosted | offers-apart
    message: str
    application_id: int | None = None
    action: str = ""  # "mark-ghosted" where the UI can offer to do it


def first_finals(events: Iterable[InterviewEvent]) -> dict[int, dt.date]:
    """Each application's first final-round date."""
    first: dict[int, dt.date] = {}
    for event in events:
        if event.final and event.application_id is not None:
            day = event.start.date()
            if event.application_id not in first or day < first[event.application_id]:
                first[event.application_id] = day
    return first


def latest_past_events(events: Iterable[InterviewEvent], today: dt.date) -> dict[int, dt.date]:
    """Each application's most recent interview on or before today."""
    latest: dict[int, dt.date] = {}
    for event in events:
        day = event.start.date()
        if event.application_id is not None and day <= today:
            if day > latest.get(event.application_id, dt.date.min):
                latest[event.application_id] = day
    return latest


def _name(application: Application) -> str:
    return f"{application.company} ({application.role})"


def finals_order(
    applications: list[Application],
    preferences: dict[str, int | None],
    finals: dict[int, dt.date],
    today: dt.date,
) -> list[Advice]:
    """A more-wanted company's finals scheduled before a less-wanted one's.

    One warning per more-wanted application, naming the latest less-wanted final after it.
    """
    ranked = sorted(
        (
            (preferences[a.company], finals[a.id], a)
            for a in applications
            if a.active and a.id in finals and finals[a.id] >= today and preferences.get(a.company)
        ),
        key=lambda item: item[0],
    )
    # latest_after[i]: the latest final among applications ranked strictly below ranked[i].
    advice = []
    latest: tuple[dt.date, int, Application] | None = None
    index = len(ranked) - 1
    results: list[tuple[int, dt.date, Application, tuple]] = []
    while index >= 0:
        rank = ranked[index][0]
        group = []
        while index >= 0 and ranked[index][0] == rank:
            group.append(ranked[index])
            index -= 1
        for rank_a, day_a, a in group:
            if latest is not None and day_a < latest[0]:
                results.append((rank_a, day_a, a, latest))
        for rank_b, day_b, b in group:
            if latest is None or day_b > latest[0]:
                latest = (day_b, rank_b, b)
    for rank_a, day_a, a, (day_b, rank_b, b) in reversed(results):
        advice.append(
            Advice(
                "finals-order",
                f"Your finals at {a.company} (preference {rank_a}) on {day_a} come "
                f"before {b.company}'s (preference {rank_b}) on {day_b}. Consider "
                f"moving {a.company} later: interview where you care less first, so "
                "you are at your sharpest for the one you want most.",
                a.id,
            )
        )
    return advice


def offer_expiry(
    applications: list[Application],
    offers: list[Offer],
    finals: dict[int, dt.date],
    today: dt.date,
) -> list[Advice]:
    """The soonest-expiring live offer expiring before other active processes reach their
    final round (later offers add nothing: the first expiry is the one that binds)."""
    by_id = {a.id: a for a in applications}
    with_offer = {o.application_id for o in offers}
    live = []
    for offer in offers:
        holder = by_id.get(offer.application_id)
        if not offer.expires_on or holder is None or holder.status != "offer":
            continue
        expires = dt.date.fromisoformat(offer.expires_on)
        if expires >= today:
            live.append((expires, holder))
    if not live:
        return []
    expires, holder = min(live, key=lambda item: item[0])
    advice = []
    for other in applications:
        if other.status not in IN_PROGRESS or other.id in with_offer:
            continue
        final = finals.get(other.id)
        if final is None:
            message = (
                f"The offer from {holder.company} expires on {expires}, and "
                f"{_name(other)} has no final round scheduled yet. Tell {other.company} "
                "about the deadline and ask whether they can speed up; ask "
                f"{holder.company} for more time."
            )
        elif final > expires:
            message = (
                f"The offer from {holder.company} expires on {expires}, before "
                f"{_name(other)} reaches its final round on {final}. Ask "
                f"{holder.company} for an extension or {other.company} to move earlier."
            )
        else:
            continue
        advice.append(Advice("offer-expiry", message, other.id))
    return advice


def silence(
    applications: list[Application],
    last_activity: dict[int, dt.date],
    today: dt.date,
    follow_up_days: int = FOLLOW_UP_DAYS,
    ghost_days: int = GHOST_DAYS,
) -> list[Advice]:
    """Processes with no news for a while: suggest a follow-up, and later marking them ghosted."""
    advice = []
    for application in applications:
        if application.status not in IN_PROGRESS:
            continue
        last = last_activity.get(application.id)
        if last is None:
            continue
        quiet = (today - last).days
        if quiet > ghost_days:
            advice.append(
                Advice(
                    "ghosted",
                    f"Nothing from {_name(application)} for {quiet} days (since {last}). "
                    "Mark it as ghosted to keep your board honest?",
                    application.id,
                    action="mark-ghosted",
                )
            )
        elif quiet > follow_up_days:
            advice.append(
                Advice(
                    "follow-up",
                    f"{_name(application)} has been quiet for {quiet} days (since {last}). "
                    "A short, friendly follow-up to the recruiter is normal now.",
                    application.id,
                )
            )
    return advice


def offers_apart(
    applications: list[Application],
    offers: list[Offer],
    received_on: dict[int, dt.date],
    today: dt.date,
) -> list[Advice]:
    """Two offers that cannot be held at the same time: one expires before the other arrives.

    ``received_on`` maps an application id to the day its status became "offer".
    """
    by_id = {a.id: a for a in applications}
    windows = []
    for offer in offers:
        holder = by_id.get(offer.application_id)
        if holder is None or not offer.expires_on or offer.application_id not in received_on:
            continue
        windows.append(
            (received_on[offer.application_id], dt.date.fromisoformat(offer.expires_on), holder)
        )
    advice = []
    for _start_a, end_a, a in windows:
        for start_b, end_b, b in windows:
            if a.id != b.id and end_a < start_b and end_b >= today:
                advice.append(
                    Advice(
                        "offers-apart",
                        f"The offers from {a.company} (expires {end_a}) and {b.company} "
                        f"(received {start_b}) do not overlap, so you cannot compare them "
                        "side by side. Next time, aim for offers to land in one window.",
                        b.id,
                    )
                )
    return advice


def last_activity(
    applications: list[Application],
    history_dates: dict[int, dt.date],
    event_dates: dict[int, dt.date],
    today: dt.date,
) -> dict[int, dt.date]:
    """The latest dated thing per application: applied, a change in its history, or a past
    interview (``event_dates``, see ``latest_past_events``)."""
    latest: dict[int, dt.date] = {}
    for application in applications:
        days = [history_dates.get(application.id), event_dates.get(application.id)]
        if application.applied_on:
            days.append(dt.date.fromisoformat(application.applied_on))
        days = [day for day in days if day is not None and day <= today]
        if days:
            latest[application.id] = max(days)
    return latest
