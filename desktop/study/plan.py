"""The profile and the focus plan: pure functions of the profile and the evidence.

Each area gets a level (focus, normal, light) with a human reason, and a share of the
hours left before the first interview. Interviews coming up pull their area forward.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop.study.areas import AREAS, ROUND_AREAS, area_title

ROLES = ("ML Engineer", "Research Scientist", "Applied Scientist")
LEVEL_WEIGHTS = {"focus": 3.0, "normal": 2.0, "light": 1.0}


class ProfileError(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class Profile:
    role: str = "ML Engineer"
    companies: list[str] = field(default_factory=list)
    first_interview: str = ""  # ISO date or ""
    hours_per_day: float = 2.0
    ratings: dict[str, int] = field(default_factory=dict)  # area -> 1..5

    def to_dict(self) -> dict:
        return {
            "role": self.role,
            "companies": list(self.companies),
            "first_interview": self.first_interview,
            "hours_per_day": self.hours_per_day,
            "ratings": dict(self.ratings),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Profile:
        return cls(
            role=data.get("role", "ML Engineer"),
            companies=list(data.get("companies", [])),
            first_interview=data.get("first_interview", ""),
            hours_per_day=float(data.get("hours_per_day", 2.0)),
            ratings={k: int(v) for k, v in data.get("ratings", {}).items()},
        )


def validate_profile(profile: Profile) -> None:
    errors = {}
    if profile.role not in ROLES:
        errors["role"] = f"Choose one of: {', '.join(ROLES)}."
    if profile.first_interview:
        try:
            dt.date.fromisoformat(profile.first_interview)
        except ValueError:
            errors["first_interview"] = "Use a date like 2026-03-14."
    if not 0 < profile.hours_per_day <= 16:
        errors["hours_per_day"] = "Between 0.5 and 16 hours a day."
    for area, rating in profile.ratings.items():
        if area not in AREAS:
            errors[f"rating:{area}"] = "Unknown area."
        elif rating not in range(1, 6):
            errors[f"rating:{area}"] = "Rate from 1 to 5."
    if errors:
        raise ProfileError(errors)


@dataclass
class Evidence:
    """What the app has seen, per study area."""

    confidence: dict[str, float] = field(default_factory=dict)  # mean topic confidence 1-5
    katas_solved: dict[str, int] = field(default_factory=dict)
    katas_tried: dict[str, int] = field(default_factory=dict)
    lapses: dict[str, tuple[int, int]] = field(default_factory=dict)  # (again, answers)
    mock_scores: dict[str, float] = field(default_factory=dict)  # mean rubric score 1-4


@dataclass
class Interview:
    round_type: str
    company: str
    on: dt.date


@dataclass
class AreaPlan:
    area: str
    level: str
    reasons: list[str]
    hours: float = 0.0
    interview: Interview | None = None

    @property
    def title(self) -> str:
        return area_title(self.area)

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass
class FocusPlan:
    areas: list[AreaPlan]
    days_left: int | None
    hours_total: float

    def by_level(self, level: str) -> list[AreaPlan]:
        return [a for a in self.areas if a.level == level]


CODING = {"algorithms-coding", "ml-coding"}


def assess_area(area: str, rating: int | None, evidence: Evidence) -> AreaPlan:
    """Weakness points from each piece of evidence; the reason names each one."""
    points = 0.0
    reasons: list[str] = []
    if rating is not None:
        reasons.append(f"rated {rating}/5")
        points += {1: 2, 2: 1.5, 3: 1, 4: 0, 5: -1}[rating]
    else:
        reasons.append("not rated")
        points += 1
    confidence = evidence.confidence.get(area)
    if confidence is not None:
        if confidence < 3:
            points += 1
            reasons.append(f"topic confidence {confidence:.1f}/5")
        elif confidence >= 4:
            points -= 0.5
            reasons.append(f"topic confidence {confidence:.1f}/5")
    if area in CODING:
        solved = evidence.katas_solved.get(area, 0)
        tried = evidence.katas_tried.get(area, 0)
        if solved == 0:
            points += 1
            reasons.append("no kata solved" if tried == 0 else f"{tried} katas tried, none solved")
        elif solved >= 5:
            points -= 0.5
            reasons.append(f"{solved} katas solved")
        else:
            reasons.append(f"{solved} kata{'s' if solved != 1 else ''} solved")
    again, answers = evidence.lapses.get(area, (0, 0))
    if answers >= 10:
        rate = again / answers
        if rate >= 0.25:
            points += 1
            reasons.append(f"{rate:.0%} of cards forgotten")
        elif rate <= 0.1:
            points -= 0.5
            reasons.append(f"only {rate:.0%} of cards forgotten")
    mock = evidence.mock_scores.get(area)
    if mock is not None:
        if mock < 2.5:
            points += 1
        elif mock >= 3.5:
            points -= 0.5
        reasons.append(f"mock rounds average {mock:.1f}/4")
    level = "focus" if points >= 2 else "light" if points <= 0 else "normal"
    return AreaPlan(area, level, reasons)


def build_plan(
    profile: Profile,
    evidence: Evidence,
    today: dt.date,
    interviews: list[Interview] = (),
    horizon_days: int = 21,
) -> FocusPlan:
    areas = [assess_area(a, profile.ratings.get(a), evidence) for a in AREAS]
    by_area = {a.area: a for a in areas}
    for interview in sorted(interviews, key=lambda i: i.on):
        area = ROUND_AREAS.get(interview.round_type)
        days = (interview.on - today).days
        if area is None or not 0 <= days <= horizon_days or by_area[area].interview:
            continue  # the nearest interview of each area names it
        plan = by_area[area]
        plan.interview = interview
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        who = f" at {interview.company}" if interview.company else ""
        plan.reasons.insert(0, f"{interview.round_type.replace('-', ' ')} interview{who} {when}")
        plan.level = "focus"
    first = [i.on for i in interviews if i.on >= today]
    if profile.first_interview:
        first.append(dt.date.fromisoformat(profile.first_interview))
    days_left = max((min(first) - today).days, 1) if first else None
    span = days_left if days_left is not None else 14
    hours_total = round(profile.hours_per_day * span, 1)
    weight = sum(LEVEL_WEIGHTS[a.level] for a in areas)
    for plan in areas:
        plan.hours = round(hours_total * LEVEL_WEIGHTS[plan.level] / weight, 1)
    order = {"focus": 0, "normal": 1, "light": 2}
    areas.sort(key=lambda a: (order[a.level], a.interview.on if a.interview else dt.date.max))
    return FocusPlan(areas, days_left, hours_total)
