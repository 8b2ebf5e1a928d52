"""Gathering the evidence for the plan and the figures of the Today page from the store."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from desktop.store import katas as kata_store
from desktop.store import notes as note_store
from desktop.store import rounds as round_store
from desktop.store import study
from desktop.study.areas import AREA_ROUNDS, ROUND_AREAS, kata_area, topic_area
from desktop.study.plan import Evidence, FocusPlan, Interview, Profile, build_plan


def load_profile(store) -> Profile | None:
    data = study.load_profile_data(store)
    return Profile.from_dict(data) if data else None


def gather_evidence(store, topics, katas) -> Evidence:
    evidence = Evidence()
    area_of_topic = {t.slug: topic_area(t.area) for t in topics}
    ratings = defaultdict(list)
    for note in note_store.all_notes(store):
        if note.confidence and note.topic in area_of_topic:
            ratings[area_of_topic[note.topic]].append(note.confidence)
    evidence.confidence = {a: sum(v) / len(v) for a, v in ratings.items()}
    area_of_kata = {k.slug: kata_area(k.area) for k in katas}
    for slug, state in kata_store.all_states(store).items():
        area = area_of_kata.get(slug)
        if area and state.solved:
            evidence.katas_solved[area] = evidence.katas_solved.get(area, 0) + 1
    tried = {a.slug for a in kata_store.attempts(store, limit=100000)}
    for slug in tried:
        area = area_of_kata.get(slug)
        if area:
            evidence.katas_tried[area] = evidence.katas_tried.get(area, 0) + 1
    evidence.lapses = study.lapses_by_area(store)
    scores = defaultdict(list)
    for mock in round_store.list_rounds(store):
        area = ROUND_AREAS.get(mock.template_type)
        if area and mock.mean_score is not None:
            scores[area].append(mock.mean_score)
    evidence.mock_scores = {a: sum(v) / len(v) for a, v in scores.items()}
    return evidence


def tracker_interviews(store, now: dt.datetime, days: int = 30) -> list[Interview]:
    events, _deadlines = study.upcoming_tracker(store, now, days)
    return [
        Interview(event.round_type, company, event.local_start().date())
        for event, company in events
    ]


def current_plan(store, topics, katas, now: dt.datetime) -> FocusPlan | None:
    profile = load_profile(store)
    if profile is None:
        return None
    interviews = tracker_interviews(store, now)
    return build_plan(profile, gather_evidence(store, topics, katas), now.date(), interviews)


def card_priority(plan: FocusPlan | None, topics) -> dict[str, dt.date]:
    """Areas and topics (of the interview's company) whose cards should come before a date."""
    priority: dict[str, dt.date] = {}
    if plan is None:
        return priority
    for area in plan.areas:
        if area.interview is None:
            continue
        priority[area.area] = area.interview.on
        company = area.interview.company.lower()
        for topic in topics:
            if company and company in (c.lower() for c in topic.companies):
                priority[topic.slug] = min(priority.get(topic.slug, dt.date.max), area.interview.on)
    return priority


@dataclass
class Picks:
    topic: object | None = None  # reference Topic
    topic_reason: str = ""
    kata: object | None = None  # katas Kata
    kata_reason: str = ""
    round_type: str | None = None
    round_reason: str = ""
    areas: list[str] = field(default_factory=list)


TOPIC_LEVELS = {"intro": 0, "core": 1, "advanced": 2}


def todays_picks(
    plan: FocusPlan | None,
    topics,
    katas,
    notes: dict,
    solved: set[str],
    profile_companies: list[str] = (),
) -> Picks:
    """One topic to read, one kata to solve and one mock round, from the first focus areas.

    Pure: ``notes`` maps topic slug -> TopicNote, ``solved`` the solved kata slugs.
    """
    ordered = (
        [a.area for a in plan.areas]
        if plan
        else [
            "ml-coding",
            "ml-theory",
            "algorithms-coding",
            "system-design",
            "statistics",
            "behavioural",
        ]
    )
    picks = Picks(areas=ordered)
    companies = {c.lower() for c in profile_companies}
    interview_company = {}
    if plan:
        for area in plan.areas:
            if area.interview and area.interview.company:
                interview_company[area.area] = area.interview.company.lower()
                companies.add(area.interview.company.lower())

    def topic_key(topic):
        note = notes.get(topic.slug)
        confidence = note.confidence if note and note.confidence else 0
        tagged = bool(companies & {c.lower() for c in topic.companies})
        reviewed = note.reviewed_on if note and note.reviewed_on else ""
        # Among equals, foundations before advanced pages: a new user starts with the basics.
        level = TOPIC_LEVELS.get(getattr(topic, "difficulty", ""), 1)
        return (not tagged, confidence if confidence else 2.5, reviewed, level, topic.slug)

    for area in ordered:
        candidates = [t for t in topics if topic_area(t.area) == area]
        if candidates:
            picks.topic = min(candidates, key=topic_key)
            picks.topic_reason = _why(plan, area)
            break
    for area in ordered:
        candidates = [k for k in katas if kata_area(k.area) == area and k.slug not in solved]
        if candidates:

            def kata_key(kata, area=area):
                tagged = interview_company.get(area, "") in {c.lower() for c in kata.companies}
                tagged = tagged or bool(companies & {c.lower() for c in kata.companies})
                order = {"easy": 0, "medium": 1, "hard": 2}.get(kata.difficulty, 1)
                return (not tagged, order, kata.slug)

            picks.kata = min(candidates, key=kata_key)
            picks.kata_reason = _why(plan, area)
            break
    area = ordered[0]
    picks.round_type = AREA_ROUNDS.get(area, "ml-coding")
    if plan and plan.areas[0].interview:
        picks.round_type = plan.areas[0].interview.round_type
    picks.round_reason = _why(plan, area)
    return picks


def _why(plan: FocusPlan | None, area: str) -> str:
    if plan is None:
        return ""
    for item in plan.areas:
        if item.area == area:
            return f"{item.title}: {item.level} ({item.reason})"
    return ""


def streak(days: set[dt.date], today: dt.date) -> int:
    """Consecutive days with some study, ending today (or yesterday if today has none yet)."""
    day = today if today in days else today - dt.timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def study_days(store, tz: dt.tzinfo | None = None) -> set[dt.date]:
    days = {day for day, _n in study.reviews_per_day(store, tz)}
    for attempt in kata_store.attempts(store, limit=100000):
        days.add(dt.date.fromisoformat(attempt.finished_at[:10]))
    for mock in round_store.list_rounds(store):
        days.add(dt.date.fromisoformat(mock.started_at[:10]))
    return days


def solved_over_time(store) -> list[tuple[str, int]]:
    dates = sorted(s.solved_at[:10] for s in kata_store.all_states(store).values() if s.solved)
    result: list[tuple[str, int]] = []
    for index, day in enumerate(dates, start=1):
        if result and result[-1][0] == day:
            result[-1] = (day, index)
        else:
            result.append((day, index))
    return result


def confidence_per_area(store, topics) -> dict[str, float]:
    return gather_evidence(store, topics, []).confidence
