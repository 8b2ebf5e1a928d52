import datetime as dt
from dataclasses import dataclass, field

from desktop.store import katas as kata_store
from desktop.store import notes as note_store
from desktop.study import service
from desktop.study.plan import Evidence, Interview, Profile, build_plan

TODAY = dt.date(2026, 3, 2)


@dataclass
class T:
    slug: str
    area: str
    companies: list = field(default_factory=list)
    flashcards: list = field(default_factory=list)
    difficulty: str = "core"


@dataclass
class K:
    slug: str
    area: str
    difficulty: str = "medium"
    companies: tuple = ()


def test_streak():
    days = {TODAY, TODAY - dt.timedelta(days=1), TODAY - dt.timedelta(days=3)}
    assert service.streak(days, TODAY) == 2
    assert service.streak({TODAY - dt.timedelta(days=1)}, TODAY) == 1
    assert service.streak(set(), TODAY) == 0


def test_picks_follow_the_interview_company():
    topics = [
        T("a-theory", "core-ml"),
        T("b-theory", "core-ml", ["Acme"]),
        T("sd", "system-design"),
    ]
    katas = [
        K("easy-one", "attention", "easy"),
        K("acme-kata", "attention", "hard", ("Acme",)),
        K("bfs", "algorithms"),
    ]
    plan = build_plan(
        Profile(), Evidence(), TODAY, [Interview("ml-coding", "Acme", TODAY + dt.timedelta(days=3))]
    )
    picks = service.todays_picks(plan, topics, katas, {}, set())
    assert picks.kata.slug == "acme-kata"
    assert picks.round_type == "ml-coding"
    assert "interview at Acme in 3 days" in picks.kata_reason
    picks = service.todays_picks(plan, topics, katas, {}, {"acme-kata"})
    assert picks.kata.slug == "easy-one"
    priority = service.card_priority(plan, topics)
    assert priority["ml-coding"] == TODAY + dt.timedelta(days=3)
    assert priority["b-theory"] == TODAY + dt.timedelta(days=3)


def test_evidence_from_the_store(store):
    note_store.update_note(store, "a-theory", confidence=2)
    note_store.update_note(store, "b-theory", confidence=4)
    kata_store.record_attempt(
        store,
        "bfs",
        status="passed",
        device="cpu",
        passed=3,
        failed=0,
        duration_ms=1,
        time_spent_s=60,
        code="",
        now="2026-03-01T10:00:00",
    )
    topics = [T("a-theory", "core-ml"), T("b-theory", "deep-learning")]
    evidence = service.gather_evidence(store, topics, [K("bfs", "algorithms")])
    assert evidence.confidence == {"ml-theory": 3.0}
    assert evidence.katas_solved == {"algorithms-coding": 1}
    assert service.solved_over_time(store) == [("2026-03-01", 1)]
    assert dt.date(2026, 3, 1) in service.study_days(store)


def test_a_new_user_is_pointed_at_foundations_before_advanced_pages():
    topics = [
        T("3d-parallelism", "distributed-training", difficulty="advanced"),
        T("backpropagation", "deep-learning", difficulty="core"),
        T("what-is-a-gradient", "deep-learning", difficulty="intro"),
    ]
    picks = service.todays_picks(None, topics, [], {}, set())
    assert picks.topic.slug == "what-is-a-gradient"
    picks = service.todays_picks(None, topics[:2], [], {}, set())
    assert picks.topic.slug == "backpropagation"
