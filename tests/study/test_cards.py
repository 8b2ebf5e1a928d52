import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.store import study
from desktop.study.cards import CardError, schedule, short_interval, topic_card_id
from tests.study_fakes import FakeCard, FakeTopic

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def topics():
    return [
        FakeTopic("attention", "transformers-llms", [FakeCard("Q1?", "A1"), FakeCard("Q2?", "A2")]),
        FakeTopic("bayes", "statistics-maths", [FakeCard("Bayes?", "Posterior")]),
    ]


@given(st.text(min_size=1), st.text(alphabet="abcXYZ ?\n\t", min_size=1))
def test_topic_card_id_is_stable_under_whitespace_and_case(slug, question):
    assert topic_card_id(slug, question) == topic_card_id(slug, "  " + question.upper() + " ")
    assert topic_card_id(slug, question) != topic_card_id(slug, question + " more")
    assert topic_card_id(slug, question).startswith(slug + ":")


def test_schedule_uses_fsrs_and_good_pushes_further_than_again():
    again_json, again_due = schedule(None, 1, NOW)
    good_json, good_due = schedule(None, 3, NOW)
    assert again_due <= good_due
    _j, later = schedule(good_json, 3, dt.datetime.fromisoformat(good_due))
    assert dt.datetime.fromisoformat(later) - NOW > dt.timedelta(days=1)
    with pytest.raises(ValueError):
        schedule(None, 5, NOW)


def test_short_interval():
    assert short_interval(dt.timedelta(minutes=10)) == "10m"
    assert short_interval(dt.timedelta(days=3)) == "3d"


def test_sync_adds_once_and_maps_areas(store):
    assert study.sync_topic_cards(store, topics(), NOW) == 3
    assert study.sync_topic_cards(store, topics(), NOW) == 0
    counts = study.due_counts(store, NOW)
    assert counts == {"ml-theory": (0, 2), "statistics": (0, 1)}


def test_queue_new_limit_answer_and_undo(store):
    study.sync_topic_cards(store, topics(), NOW)
    queue = study.review_queue(store, NOW, new_limit=2)
    assert len(queue) == 2
    first = queue[0].id
    study.answer(store, first, 3, NOW)
    assert study.get_card(store, first).due > NOW.isoformat()
    # one new card used today: only one more new card allowed
    assert len(study.review_queue(store, NOW, new_limit=2)) == 1
    assert study.undo_last(store) == first
    card = study.get_card(store, first)
    assert card.is_new and card.due is None
    assert len(study.review_queue(store, NOW, new_limit=2)) == 2
    assert study.undo_last(store) is None


def test_again_card_comes_back_due(store):
    study.sync_topic_cards(store, topics(), NOW)
    card_id = study.review_queue(store, NOW)[0].id
    study.answer(store, card_id, 1, NOW)
    later = NOW + dt.timedelta(hours=1)
    assert card_id in [c.id for c in study.review_queue(store, later, new_limit=0)]
    assert study.due_counts(store, later)["ml-theory"][0] == 1
    assert study.lapses_by_area(store) == {"ml-theory": (1, 1)}
    assert study.reviews_per_day(store, dt.UTC) == [(NOW.date(), 1)]


def test_suspend_and_bury_hide_cards(store):
    study.sync_topic_cards(store, topics(), NOW)
    ids = [c.id for c in study.review_queue(store, NOW)]
    study.set_suspended(store, ids[0])
    study.bury(store, ids[1], NOW.date())
    remaining = [c.id for c in study.review_queue(store, NOW)]
    assert ids[0] not in remaining and ids[1] not in remaining
    tomorrow = NOW + dt.timedelta(days=1)
    assert ids[1] in [c.id for c in study.review_queue(store, tomorrow)]
    study.set_suspended(store, ids[0], False)
    assert ids[0] in [c.id for c in study.review_queue(store, NOW)]


def test_interview_priority_pulls_cards_forward(store):
    study.sync_topic_cards(store, topics(), NOW)
    bayes = topic_card_id("bayes", "Bayes?")
    study.answer(store, bayes, 4, NOW)  # easy: due in days
    due = dt.datetime.fromisoformat(study.get_card(store, bayes).due)
    soon = NOW + dt.timedelta(hours=2)
    assert bayes not in [c.id for c in study.review_queue(store, soon, new_limit=0)]
    interview = (due - dt.timedelta(days=1)).date()
    queue = study.review_queue(store, soon, new_limit=5, priority={"statistics": interview})
    assert queue[0].id == bayes
    # new cards of a prioritised area come before the others
    queue = study.review_queue(store, NOW, new_limit=2, priority={"attention": interview})
    assert queue[-1].topic == "attention"


def test_user_card_validation_and_storage(store):
    with pytest.raises(CardError) as raised:
        study.add_user_card(store, " ", "", area="ml-coding", now=NOW)
    assert set(raised.value.errors) == {"question", "answer"}
    assert study.all_cards(store) == []
    card_id = study.add_user_card(
        store,
        "What does `x.view` need?",
        "```python\nx.contiguous()\n```",
        area="ml-coding",
        now=NOW,
    )
    card = study.get_card(store, card_id)
    assert card.source == "user" and "contiguous" in card.answer


def test_checklist_ticks(store):
    study.set_ticked(store, "a", True, NOW)
    study.set_ticked(store, "b", True, NOW)
    study.set_ticked(store, "a", False, NOW)
    assert study.ticked_items(store) == {"b"}


def test_upcoming_tracker_empty(store):
    assert study.upcoming_tracker(store, NOW) == ([], [])
