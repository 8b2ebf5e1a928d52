import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.reference.content import Question
from desktop.rounds.draw import DrawFilters, draw_question
from desktop.rounds.templates import RoundTemplate, TemplateError, validate_template
from desktop.rounds.timer import Phase
from desktop.store import rounds as round_store

BANK = [
    Question(
        f"q{i}",
        f"text {i}",
        "ml-theory",
        "core-ml" if i < 4 else "generative",
        "easy" if i % 2 else "hard",
        companies=["Google"] if i == 5 else [],
    )
    for i in range(6)
]


def test_filters():
    rng = random.Random(0)
    assert draw_question(BANK, "ml-theory", [], rng, DrawFilters(company="google")).id == "q5"
    assert (
        draw_question(
            BANK, "ml-theory", [], rng, DrawFilters(area="generative", difficulty="hard")
        ).id
        == "q4"
    )
    assert draw_question(BANK, "system-design", [], rng) is None


@given(
    st.lists(st.sampled_from([q.id for q in BANK]), max_size=10, unique=True), st.integers(0, 1000)
)
def test_no_repeat_of_recent_unless_exhausted(recent, seed):
    question = draw_question(BANK, "ml-theory", recent, random.Random(seed))
    if len(recent) < len(BANK):
        assert question.id not in recent
    else:
        assert question.id == recent[-1], "the oldest draw comes back first"


def test_template_validation_collects_every_problem():
    bad = RoundTemplate("", " ", [Phase("", 5), Phase("x", 0)], [], question_round="nonsense")
    with pytest.raises(TemplateError) as raised:
        validate_template(bad)
    assert set(raised.value.problems) == {
        "title",
        "type",
        "phase 1",
        "phase 2",
        "rubric",
        "question_round",
    }


def test_user_templates_are_kept_and_editable(store):
    shipped = RoundTemplate(
        "ml-theory",
        "ML theory",
        [Phase("Questions", 40), Phase("Wrap", 5)],
        ["Depth"],
        question_round="ml-theory",
    )
    round_store.ensure_templates(store, [shipped])
    mine = round_store.list_templates(store)[0]
    mine.phases[0] = Phase("Questions", 50)
    mine.builtin = False
    round_store.save_template(store, mine)
    round_store.ensure_templates(store, [shipped])  # next start: the user's edit survives
    [kept] = round_store.list_templates(store)
    assert kept.minutes == 55
    custom = RoundTemplate(
        "my-round",
        "My round",
        [Phase("All", 20)],
        ["Did it"],
        builtin=False,
        question_round="behavioural",
    )
    round_store.save_template(store, custom)
    assert {t.type for t in round_store.list_templates(store)} == {"ml-theory", "my-round"}
    with pytest.raises(TemplateError):
        round_store.save_template(store, RoundTemplate("x", "", [], []))


def test_finish_round_validates_scores(store):
    template = RoundTemplate("ml-theory", "ML theory", [Phase("Q", 40)], ["Depth", "Clarity"])
    round_id = round_store.start_round(store, template, question=BANK[0])
    with pytest.raises(ValueError):
        round_store.finish_round(
            store, round_id, scores=[5, 1], notes="", differently="", actual_s=[60]
        )
    with pytest.raises(ValueError):
        round_store.finish_round(
            store, round_id, scores=[3], notes="", differently="", actual_s=[60]
        )
    round_store.finish_round(
        store, round_id, scores=[3, 4], notes="n", differently="d", actual_s=[60]
    )
    assert round_store.get_round(store, round_id).mean_score == 3.5
    assert round_store.recent_question_ids(store) == ["q0"]


def test_shipped_templates_when_present():
    from desktop.paths import content_root
    from desktop.rounds.templates import load_builtin_templates

    templates = load_builtin_templates(content_root())
    assert {
        "recruiter-screen",
        "algorithms-coding",
        "ml-coding",
        "ml-theory",
        "behavioural",
        "research-discussion",
        "system-design",
    } <= {t.type for t in templates}
