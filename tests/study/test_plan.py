import datetime as dt

import pytest

from desktop.study.plan import (
    Evidence,
    Interview,
    Profile,
    ProfileError,
    assess_area,
    build_plan,
    validate_profile,
)

TODAY = dt.date(2026, 3, 2)


def test_rated_three_and_no_kata_is_focus_with_reason():
    plan = assess_area("ml-coding", 3, Evidence())
    assert plan.level == "focus"
    assert plan.reason == "rated 3/5; no kata solved"


def test_evidence_moves_the_level():
    strong = Evidence(katas_solved={"ml-coding": 6}, mock_scores={"ml-coding": 3.8}, confidence={})
    assert assess_area("ml-coding", 3, strong).level == "light"
    assert assess_area("ml-theory", 4, Evidence()).level == "light"
    weak = Evidence(confidence={"ml-theory": 2.0}, lapses={"ml-theory": (5, 12)})
    plan = assess_area("ml-theory", 4, weak)
    assert plan.level == "focus"
    assert "topic confidence 2.0/5" in plan.reason and "42% of cards forgotten" in plan.reason


def test_budget_splits_the_hours_left_by_level():
    profile = Profile(
        first_interview="2026-03-12",
        hours_per_day=2,
        ratings={
            "algorithms-coding": 5,
            "ml-coding": 1,
            "ml-theory": 4,
            "system-design": 2,
            "behavioural": 5,
            "statistics": 4,
        },
    )
    plan = build_plan(profile, Evidence(katas_solved={"algorithms-coding": 8}), TODAY)
    assert plan.days_left == 10 and plan.hours_total == 20
    levels = {a.area: a.level for a in plan.areas}
    assert levels["ml-coding"] == "focus" and levels["behavioural"] == "light"
    assert sum(a.hours for a in plan.areas) == pytest.approx(20, abs=0.3)
    focus = plan.by_level("focus")[0]
    light = plan.by_level("light")[0]
    assert focus.hours == pytest.approx(3 * light.hours, abs=0.2)
    assert plan.areas[0].level == "focus"


def test_upcoming_interview_pulls_its_area_forward():
    profile = Profile(ratings={"system-design": 5})
    interviews = [Interview("system-design", "Acme", TODAY + dt.timedelta(days=9))]
    plan = build_plan(profile, Evidence(), TODAY, interviews)
    design = next(a for a in plan.areas if a.area == "system-design")
    assert design.level == "focus"
    assert design.reason.startswith("system design interview at Acme in 9 days")
    assert plan.days_left == 9
    far = [Interview("system-design", "Acme", TODAY + dt.timedelta(days=60))]
    design = next(
        a for a in build_plan(profile, Evidence(), TODAY, far).areas if a.area == "system-design"
    )
    assert design.level == "light"


def test_profile_validation_and_round_trip():
    with pytest.raises(ProfileError) as raised:
        validate_profile(
            Profile(
                role="Wizard", first_interview="soon", hours_per_day=0, ratings={"ml-coding": 9}
            )
        )
    assert set(raised.value.errors) == {
        "role",
        "first_interview",
        "hours_per_day",
        "rating:ml-coding",
    }
    profile = Profile(companies=["Acme"], ratings={"statistics": 2})
    validate_profile(profile)
    assert Profile.from_dict(profile.to_dict()) == profile
