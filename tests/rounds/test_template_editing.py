"""Editing round templates in the domain: validation, form parsing, the user's copies."""

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.rounds.templates import (
    EDITED,
    MAX_PHASE_MINUTES,
    MAX_PHASES,
    MAX_TOTAL_MINUTES,
    OWN,
    SHIPPED,
    RoundTemplate,
    TemplateError,
    duplicate_template,
    new_template_type,
    parse_minutes,
    sort_templates,
    template_from_form,
    template_origin,
    validate_template,
)
from desktop.rounds.timer import Phase
from desktop.session import open_session
from desktop.store import rounds as round_store

SHIPPED_THEORY = RoundTemplate(
    "ml-theory",
    "ML theory",
    [Phase("Warm-up", 5), Phase("Questions", 35), Phase("Wrap-up", 5)],
    ["Accuracy", "Depth"],
    question_round="ml-theory",
)
SHIPPED_DESIGN = RoundTemplate(
    "system-design",
    "ML system design",
    [Phase("Clarify", 8), Phase("Design", 30), Phase("Wrap-up", 7)],
    ["Trade-offs"],
    question_round="system-design",
)


def template(phases, rubric=("Depth",), title="Mine") -> RoundTemplate:
    return RoundTemplate("my-mine", title, list(phases), list(rubric), question_round="ml-theory")


def problems_of(candidate: RoundTemplate) -> dict[str, str]:
    with pytest.raises(TemplateError) as raised:
        validate_template(candidate)
    return raised.value.errors


# --- validation --------------------------------------------------------------------------------
def test_phase_names_must_be_unique_ignoring_case_and_spaces():
    problems = problems_of(template([Phase("Design", 10), Phase(" design ", 5), Phase("X", 5)]))
    assert problems == {"phase 2": "another phase is already called 'design'"}


@pytest.mark.parametrize("minutes", [0, -5, 2.5, MAX_PHASE_MINUTES + 1, float("nan")])
def test_minutes_must_be_a_whole_number_in_range(minutes):
    problems = problems_of(template([Phase("Only", minutes)]))
    assert problems == {"phase 1": "minutes must be a whole number from 1 to 240"}


def test_a_phase_can_have_two_problems_and_both_are_said():
    problems = problems_of(template([Phase("A", 5), Phase("", 0)]))
    assert problems["phase 2"] == (
        "every phase needs a name; minutes must be a whole number from 1 to 240"
    )


def test_total_and_phase_count_have_limits():
    long_round = template([Phase(f"Part {i}", 200) for i in range(2)])
    assert "300 minutes" in problems_of(long_round)["phases"]
    many = template([Phase(f"Part {i}", 1) for i in range(MAX_PHASES + 1)])
    assert problems_of(many) == {"phases": f"use at most {MAX_PHASES} phases"}
    validate_template(template([Phase(f"Part {i}", 10) for i in range(MAX_PHASES)]))


def test_rubric_rules():
    assert "rubric" in problems_of(template([Phase("A", 5)], rubric=()))
    assert "rubric" in problems_of(template([Phase("A", 5)], rubric=["Depth", "depth"]))
    assert "rubric" in problems_of(template([Phase("A", 5)], rubric=["x" * 201]))
    assert "title" in problems_of(template([Phase("A", 5)], title="n" * 121))


# --- the form ----------------------------------------------------------------------------------
def test_form_input_is_trimmed_and_blank_rubric_lines_dropped():
    built = template_from_form(
        template_type="my-round",
        title="  My round ",
        phases=[(" Clarify ", " 5 "), ("Code", "30min"), ("Test", "10 m")],
        rubric=["Correct", "", "  Tested  ", "   "],
        question_round="ml-coding",
    )
    assert built.title == "My round"
    assert [(p.name, p.minutes) for p in built.phases] == [
        ("Clarify", 5),
        ("Code", 30),
        ("Test", 10),
    ]
    assert built.rubric == ["Correct", "Tested"]
    assert built.minutes == 45 and not built.builtin


def test_form_collects_every_problem_per_field():
    with pytest.raises(TemplateError) as raised:
        template_from_form(
            template_type="my-round",
            title=" ",
            phases=[("", "abc"), ("Code", "0"), ("Code", "12.5"), ("Test", "")],
            rubric=["", " "],
            question_round="ml-coding",
        )
    assert raised.value.errors == {
        "title": "give the round a name",
        "phase 1": "every phase needs a name; minutes must be a whole number from 1 to 240",
        "phase 2": "minutes must be a whole number from 1 to 240",
        "phase 3": "another phase is already called 'Code'; "
        "minutes must be a whole number from 1 to 240",
        "phase 4": "minutes must be a whole number from 1 to 240",
        "rubric": "list between 1 and 10 things to score yourself on, one per line",
    }


@given(st.integers(0, 10**6))
def test_parse_minutes_reads_whole_numbers(number):
    assert parse_minutes(str(number)) == number
    assert parse_minutes(f"  {number} min ") == number


@given(st.text(max_size=8))
def test_parse_minutes_refuses_anything_else(text):
    stripped = text.strip().removesuffix("min").removesuffix("m").strip()
    if not (stripped.isascii() and stripped.isdigit()):
        assert parse_minutes(text) is None


PHASE_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["", " ", "Clarify", "clarify", "Design", "Code", "Wrap-up", "x" * 130]),
        st.one_of(
            st.integers(-5, 400).map(str),
            st.sampled_from(["", "abc", "2.5", " 7 ", "1e3", "٣"]),
        ),
    ),
    max_size=MAX_PHASES + 2,
)


@given(PHASE_ROWS, st.lists(st.sampled_from(["", "Depth", "Clarity", "depth"]), max_size=12))
def test_form_either_builds_a_valid_template_or_says_why(rows, rubric):
    try:
        built = template_from_form(
            template_type="my-round",
            title="Mine",
            phases=rows,
            rubric=rubric,
            question_round="ml-theory",
        )
    except TemplateError as error:
        allowed = {"phases", "rubric"} | {f"phase {i}" for i in range(1, len(rows) + 1)}
        assert error.errors and set(error.errors) <= allowed
        for index, (_, minutes) in enumerate(rows, start=1):
            if parse_minutes(minutes) is None:
                assert "minutes must be a whole number" in error.errors[f"phase {index}"]
    else:
        validate_template(built)
        assert [p.minutes for p in built.phases] == [parse_minutes(m) for _, m in rows]
        assert 1 <= len(rows) <= MAX_PHASES
        assert built.minutes <= MAX_TOTAL_MINUTES


# --- identifiers, copies, order ----------------------------------------------------------------
def test_new_types_never_collide():
    taken = {"ml-theory", "my-onsite-loop", "my-onsite-loop-2"}
    assert new_template_type("Onsite loop!", taken) == "my-onsite-loop-3"
    assert new_template_type("ML theory", taken) == "my-ml-theory"
    assert new_template_type("???", set()) == "my-round"


def test_duplicate_is_an_unsaved_copy_the_user_owns():
    copy = duplicate_template(SHIPPED_DESIGN, {"system-design"})
    assert copy.type == "my-ml-system-design-copy" and copy.title == "ML system design (copy)"
    assert copy.phases == SHIPPED_DESIGN.phases and copy.phases is not SHIPPED_DESIGN.phases
    assert not copy.builtin and copy.question_round == "system-design"
    long_copy = duplicate_template(template([Phase("A", 5)], title="t" * 120), set())
    validate_template(long_copy)


def test_shipped_types_come_first_in_their_order():
    own = RoundTemplate("my-a", "A round", [Phase("A", 5)], ["x"], builtin=False)
    edited = RoundTemplate("system-design", "Zed design", [Phase("A", 5)], ["x"], builtin=False)
    ordered = sort_templates([own, SHIPPED_THEORY, edited], ["system-design", "ml-theory"])
    assert [t.type for t in ordered] == ["system-design", "ml-theory", "my-a"]
    shipped_types = ["system-design", "ml-theory"]
    assert [template_origin(t, shipped_types) for t in ordered] == [EDITED, SHIPPED, OWN]


# --- the store ---------------------------------------------------------------------------------
def test_editing_a_shipped_template_keeps_a_copy_and_restore_brings_it_back(store):
    shipped = [SHIPPED_THEORY, SHIPPED_DESIGN]
    round_store.ensure_templates(store, shipped)
    edited = template_from_form(
        template_type="ml-theory",
        title="ML theory",
        phases=[("Warm-up", "10"), ("Questions", "40")],
        rubric=["Accuracy", "Depth"],
        question_round="ml-theory",
    )
    stored = round_store.save_user_template(store, edited, shipped)
    assert not stored.builtin
    round_store.ensure_templates(store, shipped)  # the next start keeps the edit
    kept = round_store.get_template(store, "ml-theory")
    assert kept.minutes == 50 and not kept.builtin

    round_store.restore_default(store, SHIPPED_THEORY)
    restored = round_store.get_template(store, "ml-theory")
    assert restored.builtin and restored.phases == SHIPPED_THEORY.phases


def test_saving_a_shipped_template_unchanged_keeps_it_shipped(store):
    round_store.ensure_templates(store, [SHIPPED_THEORY])
    stored = round_store.save_user_template(
        store, RoundTemplate(**{**vars(SHIPPED_THEORY), "builtin": False}), [SHIPPED_THEORY]
    )
    assert stored.builtin and round_store.get_template(store, "ml-theory").builtin


def test_unedited_copies_follow_the_shipped_content(store):
    round_store.ensure_templates(store, [SHIPPED_THEORY, SHIPPED_DESIGN])
    round_store.save_user_template(
        store,
        RoundTemplate(**{**vars(SHIPPED_DESIGN), "phases": [Phase("All", 60)]}),
        [SHIPPED_DESIGN],
    )
    newer_theory = RoundTemplate(**{**vars(SHIPPED_THEORY), "phases": [Phase("Q", 45)]})
    newer_design = RoundTemplate(**{**vars(SHIPPED_DESIGN), "phases": [Phase("New", 45)]})
    round_store.ensure_templates(store, [newer_theory, newer_design])
    assert round_store.get_template(store, "ml-theory").phases == [Phase("Q", 45)]
    assert round_store.get_template(store, "system-design").phases == [Phase("All", 60)]


def test_invalid_templates_write_nothing(store):
    round_store.ensure_templates(store, [SHIPPED_THEORY])
    before = round_store.list_templates(store)
    bad = RoundTemplate(**{**vars(SHIPPED_THEORY), "phases": [Phase("A", 5), Phase("a", 5)]})
    with pytest.raises(TemplateError):
        round_store.save_user_template(store, bad, [SHIPPED_THEORY])
    assert round_store.list_templates(store) == before


def test_own_templates_persist_and_can_be_deleted_but_shipped_ones_cannot(data_dir):
    session = open_session(data_dir, backup=False)
    round_store.ensure_templates(session.store, [SHIPPED_THEORY])
    mine = template([Phase("Everything", 30)], title="Mine")
    round_store.save_user_template(session.store, mine, [SHIPPED_THEORY])
    session.close()

    session = open_session(data_dir, backup=False)
    try:
        assert round_store.get_template(session.store, "my-mine").phases == [
            Phase("Everything", 30)
        ]
        with pytest.raises(ValueError):
            round_store.delete_template(session.store, "ml-theory", shipped_types=["ml-theory"])
        round_store.delete_template(session.store, "my-mine", shipped_types=["ml-theory"])
        assert [t.type for t in round_store.list_templates(session.store)] == ["ml-theory"]
    finally:
        session.close()


def test_shipped_content_files_are_never_written(store):
    from desktop.paths import content_root
    from desktop.rounds.templates import load_builtin_templates

    folder = content_root() / "rounds"
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.toml")}
    shipped = load_builtin_templates(content_root())
    round_store.ensure_templates(store, shipped)
    for original in shipped:
        edited = RoundTemplate(
            **{**vars(original), "phases": [*original.phases, Phase("Extra", 5)]}
        )
        round_store.save_user_template(store, edited, shipped)
        round_store.restore_default(store, original)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.toml")}
    assert before and after == before
