import numpy as np
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_close

HYPOTHESIS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)


def _pairwise_auc(y_true, scores):
    """O(n^2) definition: compare every positive with every negative, ties count 1/2."""
    pos = [s for y, s in zip(y_true, scores, strict=True) if y]
    neg = [s for y, s in zip(y_true, scores, strict=True) if not y]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _check(submission, y_true, scores, expected=None, context=None):
    expected = _pairwise_auc(y_true, scores) if expected is None else expected
    context = context or f"y_true={list(map(int, y_true))}, scores={list(map(float, scores))}"
    got = submission.roc_auc(y_true, scores)
    assert_close(float(got), float(expected), rtol=1e-9, atol=1e-12, name="roc_auc",
                 context=context)


def test_tiny_example_by_hand(submission):
    # Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs ordered correctly.
    _check(submission, [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], expected=0.75)


def test_tied_scores_count_half(submission):
    # Pairs: (0.5, 0.5) tie -> 0.5, (0.5, 0.2) -> 1, (0.9, 0.5) -> 1, (0.9, 0.2) -> 1.
    _check(submission, [0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9], expected=0.875,
           context="y_true=[0, 1, 0, 1], scores=[0.5, 0.5, 0.2, 0.9]: the positive and the "
           "negative at 0.5 tie and count 1/2, so AUC = 3.5 / 4")
    _check(submission, [1, 0, 1, 0, 0], [3.0] * 5, expected=0.5,
           context="all scores equal: every pair is a tie, AUC = 0.5")


def test_perfect_and_reversed_ranking(submission):
    _check(submission, [0, 0, 0, 1, 1], [1.0, 2.0, 3.0, 4.0, 5.0], expected=1.0)
    _check(submission, [1, 1, 0, 0, 0], [1.0, 2.0, 3.0, 4.0, 5.0], expected=0.0)
    _check(submission, np.array([1, 0, 1, 0]), np.array([-1.0, -2.0, 10.0, 0.0]), expected=0.75,
           context="NumPy inputs, negative scores allowed")


def test_single_class_raises(submission):
    for y_true, scores in (([1, 1, 1], [0.2, 0.5, 0.9]), ([0, 0], [0.2, 0.5])):
        try:
            result = submission.roc_auc(y_true, scores)
        except ValueError:
            continue
        raise AssertionError(
            f"roc_auc({y_true}, {scores}) returned {result!r}; with only one class there are "
            "no (positive, negative) pairs and the AUC is undefined: raise ValueError"
        )


@st.composite
def _labelled_scores(draw):
    n = draw(st.integers(2, 25))
    y = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    y[0], y[1] = 0, 1  # both classes present; the order still varies via the shuffle below
    scores = draw(st.lists(st.integers(0, 5).map(float), min_size=n, max_size=n))
    perm = draw(st.permutations(range(n)))
    return [y[i] for i in perm], [scores[i] for i in perm]


@HYPOTHESIS
@given(data=_labelled_scores())
def test_matches_pairwise_definition(submission, data):
    y_true, scores = data
    _check(submission, y_true, scores)


def test_large_input_is_fast_enough(submission):
    rng = np.random.default_rng(0)
    n = 20000
    y = rng.random(n) < 0.3
    scores = np.round(rng.normal(size=n) + y, 2)  # rounding creates many ties
    pos, neg = np.sort(scores[y]), np.sort(scores[~y])
    below = np.searchsorted(neg, pos, side="left")
    equal = np.searchsorted(neg, pos, side="right") - below
    expected = (below + 0.5 * equal).sum() / (len(pos) * len(neg))
    _check(submission, y.astype(int), scores, expected=expected,
           context="20000 samples with many tied scores (an O(n log n) method is expected)")
