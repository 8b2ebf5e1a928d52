"""Hidden tests for the random-walk-absorption kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_close

TOL = dict(rtol=0.0, atol=1e-9)


def _exact(transitions, start, target):
    """Exact answer with fractions: Gauss-Jordan elimination on (I - Q) h = r."""
    nodes = set(transitions) | {y for pairs in transitions.values() for y, _ in pairs}
    moves = {x: {} for x in nodes}
    for x, pairs in transitions.items():
        for y, p in pairs:
            moves[x][y] = moves[x].get(y, Fraction(0)) + Fraction(p)
    absorbing = {x for x in nodes if sum(p for y, p in moves[x].items() if y != x) == 0}
    if start in absorbing:
        return 1.0 if start == target else 0.0
    transient = sorted((x for x in nodes if x not in absorbing), key=repr)
    idx = {x: i for i, x in enumerate(transient)}
    t = len(transient)
    rows = []
    for x in transient:
        row = [Fraction(int(i == idx[x])) for i in range(t)] + [Fraction(0)]
        for y, p in moves[x].items():
            if y in idx:
                row[idx[y]] -= p
            elif y == target:
                row[t] += p
        rows.append(row)
    for col in range(t):
        pivot = next(r for r in range(col, t) if rows[r][col] != 0)
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col][col]
        rows[col] = [v / lead for v in rows[col]]
        for r in range(t):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return float(rows[idx[start]][t])


def _check(submission, transitions, start, target, expected=None, why=""):
    expected = _exact(transitions, start, target) if expected is None else expected
    got = submission.absorption_probability(transitions, start, target)
    assert isinstance(got, float), (
        f"absorption_probability must return a Python float, got {type(got).__name__} {got!r}"
    )
    context = f"transitions={transitions}, start={start!r}, target={target!r}"
    assert_close(
        got,
        expected,
        name="absorption probability",
        context=context + (f"\n{why}" if why else ""),
        **TOL,
    )


def _ruin(n, p):
    return {i: [(i + 1, p), (i - 1, 1 - p)] for i in range(1, n)}


def _ruin_closed_form(n, p, i):
    if p == 0.5:
        return i / n
    r = (1 - p) / p
    return (1 - r**i) / (1 - r**n)


def test_tiny_example_by_hand(submission):
    _check(
        submission,
        {"S": [("win", 0.3), ("lose", 0.2), ("S", 0.5)]},
        "S",
        "win",
        0.6,
        "h = 0.3 + 0.5 h, so h = 0.6; the self-loop of 0.5 does not make S absorbing",
    )


def test_other_absorbing_state_is_not_target(submission):
    transitions = {"S": [("win", 0.3), ("lose", 0.2), ("S", 0.5)]}
    _check(
        submission,
        transitions,
        "S",
        "lose",
        0.4,
        "only absorption at 'lose' counts: h = 0.2 + 0.5 h = 0.4",
    )


@pytest.mark.parametrize(
    "n, p, i",
    [(4, 0.5, 1), (10, 0.5, 3), (20, 0.45, 10), (40, 0.5, 20), (60, 0.6, 5)],
    ids=["N4-fair", "N10-fair", "N20-p0.45", "N40-fair", "N60-p0.6"],
)
def test_gamblers_ruin_closed_form(submission, n, p, i):
    got = submission.absorption_probability(_ruin(n, p), i, n)
    assert_close(
        float(got),
        _ruin_closed_form(n, p, i),
        name=f"P(reach {n} from {i})",
        context=f"gambler's ruin on 0..{n}, up with p={p}: (1 - (q/p)^i) / (1 - (q/p)^N) "
        "(i/N when fair); a slow-mixing walk, so a fixed number of steps is not enough",
        **TOL,
    )


def test_start_is_absorbing(submission):
    transitions = {"a": [("b", 0.5), ("c", 0.5)]}
    _check(submission, transitions, "b", "b", 1.0, "start == target: already absorbed there")
    _check(submission, transitions, "c", "b", 0.0, "start is another absorbing node")


def test_self_loop_with_probability_one_is_absorbing(submission):
    transitions = {"a": [("stuck", 0.25), ("done", 0.75)], "stuck": [("stuck", 1.0)], "done": []}
    _check(
        submission,
        transitions,
        "a",
        "stuck",
        0.25,
        "'stuck' only loops to itself, so it is absorbing; 'done' has an empty list",
    )


def test_repeated_destinations_add_up(submission):
    transitions = {"A": [("B", 0.25), ("T", 0.25), ("B", 0.25), ("F", 0.25)], "B": [("T", 1.0)]}
    _check(
        submission,
        transitions,
        "A",
        "T",
        0.75,
        "A lists B twice: P(A -> B) = 0.5, so h(A) = 0.5 * 1 + 0.25 = 0.75",
    )


def test_target_must_be_absorbing(submission):
    transitions = {"a": [("b", 0.5), ("c", 0.5)], "b": [("a", 1.0)]}
    with pytest.raises(ValueError):
        submission.absorption_probability(transitions, "a", "b")


def test_cycle_between_transient_states(submission):
    transitions = {
        (0, 0): [((0, 1), 0.5), ((1, 0), 0.5)],
        (0, 1): [((0, 0), 0.4), ("exit", 0.6)],
        (1, 0): [((0, 0), 0.7), ("trap", 0.3)],
    }
    _check(
        submission,
        transitions,
        (0, 0),
        "exit",
        None,
        "tuple nodes; (0, 0) -> (0, 1) -> (0, 0) loops before exiting",
    )


@st.composite
def chains(draw):
    n_transient = draw(st.integers(1, 5))
    n_absorbing = draw(st.integers(1, 3))
    transient = [f"t{i}" for i in range(n_transient)]
    absorbing = [f"a{i}" for i in range(n_absorbing)]
    everything = transient + absorbing
    transitions = {}
    for i, x in enumerate(transient):
        escape = transient[i + 1] if i + 1 < n_transient else draw(st.sampled_from(absorbing))
        extra = draw(
            st.lists(st.tuples(st.sampled_from(everything), st.integers(1, 4)), max_size=3)
        )
        pairs = [(escape, draw(st.integers(1, 4)))] + extra
        total = sum(w for _, w in pairs)
        transitions[x] = [(y, w / total) for y, w in pairs]
    destinations = {y for pairs in transitions.values() for y, _ in pairs}
    for a in absorbing:
        kind = draw(st.sampled_from(["missing", "empty", "self"]))
        if kind == "empty" or (kind == "missing" and a not in destinations):
            transitions[a] = []
        elif kind == "self":
            transitions[a] = [(a, 1.0)]
    start = draw(st.sampled_from(everything))
    target = draw(st.sampled_from(absorbing))
    return transitions, start, target


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
@given(chain=chains())
def test_matches_exact_solution_on_random_chains(submission, chain):
    transitions, start, target = chain
    _check(submission, transitions, start, target)
