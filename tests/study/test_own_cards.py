"""The user's own cards (tags, edit, delete), card states for the browser, unbury."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.store import study
from desktop.study.cards import (
    MAX_TAG_LENGTH,
    STATES,
    CardError,
    card_state,
    format_tags,
    parse_tags,
    validate_user_card,
)
from tests.study_fakes import FakeCard, FakeTopic

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


def test_parse_tags_examples():
    assert parse_tags("PyTorch, attention  #llm;pytorch") == ("pytorch", "attention", "llm")
    assert parse_tags("  ,, # ") == ()


@given(st.text())
def test_parse_tags_round_trips_and_never_holds_separators(text):
    tags = parse_tags(text)
    assert len(tags) == len(set(tags))
    for tag in tags:
        assert tag and tag == tag.lower() and not tag.startswith("#")
        assert not any(ch.isspace() or ch in ",;" for ch in tag)
    # what is stored (space-joined) reads back the same
    assert parse_tags(format_tags(tags)) == tags


@given(st.text(), st.text())
def test_validation_names_exactly_the_empty_sides(question, answer):
    expected = {k for k, v in (("question", question), ("answer", answer)) if not v.strip()}
    if expected:
        with pytest.raises(CardError) as raised:
            validate_user_card(question, answer, "ml-coding")
        assert set(raised.value.errors) == expected
    else:
        validate_user_card(question, answer, "ml-coding")


def test_validation_of_area_and_tags():
    with pytest.raises(CardError) as raised:
        validate_user_card("Q", "A", "astrology", ("x" * (MAX_TAG_LENGTH + 1),))
    assert set(raised.value.errors) == {"area", "tags"}


def test_own_card_with_tags_is_edited_keeping_its_schedule(store):
    card_id = study.add_user_card(
        store, "Front", "Back", area="ml-coding", tags=("pytorch", "shapes"), now=NOW
    )
    study.answer(store, card_id, 3, NOW)
    before = study.get_card(store, card_id)
    assert before.tags == ("pytorch", "shapes") and before.is_own
    later = NOW + dt.timedelta(hours=1)
    study.update_user_card(
        store, card_id, " New front ", "New back", area="ml-theory", tags=("x",), now=later
    )
    after = study.get_card(store, card_id)
    assert (after.question, after.answer, after.area, after.tags) == (
        "New front",
        "New back",
        "ml-theory",
        ("x",),
    )
    assert after.fsrs_json == before.fsrs_json and after.due == before.due
    # invalid edits change nothing
    with pytest.raises(CardError) as raised:
        study.update_user_card(store, card_id, "", "B", area="ml-theory", now=later)
    assert set(raised.value.errors) == {"question"}
    assert study.get_card(store, card_id).question == "New front"


def test_same_question_at_the_same_moment_gets_two_cards(store):
    first = study.add_user_card(store, "Q", "A", area="ml-coding", now=NOW)
    second = study.add_user_card(store, "Q", "A", area="ml-coding", now=NOW)
    assert first != second and len(study.all_cards(store)) == 2


def test_delete_removes_the_card_and_its_history_library_cards_are_read_only(store):
    study.sync_topic_cards(
        store, [FakeTopic("bayes", "statistics-maths", [FakeCard("B?", "P")])], NOW
    )
    library_card = study.all_cards(store)[0].id
    own = study.add_user_card(store, "Q", "A", area="statistics", now=NOW)
    study.answer(store, own, 1, NOW)
    study.delete_user_card(store, own)
    assert study.get_card(store, own) is None
    assert study.undo_last(store) is None  # its review went with it
    for change in (
        lambda: study.delete_user_card(store, library_card),
        lambda: study.update_user_card(store, library_card, "Q", "A", area="ml-theory", now=NOW),
    ):
        with pytest.raises(CardError) as raised:
            change()
        assert "card" in raised.value.errors
    assert study.get_card(store, library_card).question == "B?"


def test_card_states_and_unbury(store):
    ids = [study.add_user_card(store, f"Q{i}", "A", area="ml-coding", now=NOW) for i in range(5)]
    new, learning, review, suspended, buried = ids
    study.answer(store, learning, 1, NOW)  # Again on a new card: still learning
    study.answer(store, review, 4, NOW)  # Easy on a new card: straight to review
    study.set_suspended(store, suspended)
    study.bury(store, buried, TODAY)
    states = {i: card_state(study.get_card(store, i), TODAY) for i in ids}
    assert [states[i] for i in ids] == list(STATES)
    # a buried card comes back by itself tomorrow, or at once when unburied
    assert card_state(study.get_card(store, buried), TODAY + dt.timedelta(days=1)) == "new"
    assert buried not in [c.id for c in study.review_queue(store, NOW)]
    study.unbury(store, buried)
    assert card_state(study.get_card(store, buried), TODAY) == "new"
    assert buried in [c.id for c in study.review_queue(store, NOW)]
    # suspension wins over burial, and unsuspending brings the card back
    study.bury(store, suspended, TODAY)
    assert card_state(study.get_card(store, suspended), TODAY) == "suspended"
    study.set_suspended(store, suspended, False)
    study.unbury(store, suspended)
    assert suspended in [c.id for c in study.review_queue(store, NOW)]
