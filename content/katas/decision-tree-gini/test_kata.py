import numpy as np
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_close, assert_equal

HYPOTHESIS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)


def _gini(labels):
    n = len(labels)
    if n == 0:
        return 0.0
    return 1.0 - sum((labels.count(c) / n) ** 2 for c in set(labels))


def _all_candidates(X, y):
    """Every (feature, threshold, gain), by brute force over the midpoints."""
    rows = [list(map(float, r)) for r in X]
    y = [int(v) for v in y]
    n = len(y)
    out = []
    for f in range(len(rows[0])):
        values = sorted(set(r[f] for r in rows))
        for lo, hi in zip(values, values[1:], strict=False):
            t = (lo + hi) / 2
            left = [y[i] for i in range(n) if rows[i][f] <= t]
            right = [y[i] for i in range(n) if rows[i][f] > t]
            gain = _gini(y) - len(left) / n * _gini(left) - len(right) / n * _gini(right)
            out.append((f, t, gain))
    return out


def _reference_best(X, y):
    candidates = _all_candidates(X, y)
    if not candidates:
        return None, None, 0.0
    top = max(g for _, _, g in candidates)
    return min((f, t, g) for f, t, g in candidates if g >= top - 1e-9)


def _reference_tree(X, y, max_depth, min_samples_split, depth=0):
    labels = [int(v) for v in y]
    counts = {c: labels.count(c) for c in set(labels)}
    majority = min(c for c in counts if counts[c] == max(counts.values()))
    if (len(counts) == 1 or len(labels) < min_samples_split
            or (max_depth is not None and depth >= max_depth)):
        return majority
    f, t, _ = _reference_best(X, y)
    if f is None:
        return majority
    left = X[:, f] <= t
    return (f, t,
            _reference_tree(X[left], y[left], max_depth, min_samples_split, depth + 1),
            _reference_tree(X[~left], y[~left], max_depth, min_samples_split, depth + 1))


def _reference_predict(node, row):
    while isinstance(node, tuple):
        f, t, left, right = node
        node = left if row[f] <= t else right
    return node


def _check_split(submission, X, y, context):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    feature, threshold, gain = submission.best_split(X, y)
    exp_f, exp_t, exp_g = _reference_best(X, y)
    context = f"{context}\nX = {X.tolist()}, y = {y.tolist()}"
    assert_equal(feature, exp_f, name="feature", context=context)
    if exp_t is None:
        assert_equal(threshold, None, name="threshold", context=context)
    else:
        assert_close(float(threshold), exp_t, name="threshold", context=context)
    assert_close(float(gain), exp_g, rtol=1e-7, atol=1e-9, name="gini_gain", context=context)


def test_tiny_split_by_hand(submission):
    _check_split(submission, [[1.0], [2.0], [3.0], [4.0]], [0, 0, 1, 1],
                 "perfect split between 2 and 3: threshold is the midpoint 2.5, gain "
                 "0.5 - 0 = 0.5")


def test_children_weighted_by_size(submission):
    _check_split(submission, [[1.0], [2.0], [3.0], [4.0], [5.0]], [0, 0, 0, 1, 0],
                 "parent Gini 0.32; at 3.5 the children [0,0,0] | [1,0] weigh 3/5 and 2/5: "
                 "gain 0.32 - 0.4 * 0.5 = 0.12 (the best); at 4.5 the gain is 0.02")


def test_ties_go_to_lowest_feature_then_threshold(submission):
    _check_split(submission, [[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 4.0]], [0, 1, 1, 0],
                 "two identical features, and thresholds 1.5 and 3.5 tie with gain 1/6: "
                 "expected feature 0, threshold 1.5")


def test_no_possible_split(submission):
    feature, threshold, gain = submission.best_split(np.ones((4, 2)), np.array([0, 1, 0, 1]))
    assert_equal((feature, threshold, float(gain)), (None, None, 0.0),
                 name="best_split(constant X)",
                 context="every feature is constant, so there is no threshold")


@st.composite
def _datasets(draw, max_rows=12):
    n = draw(st.integers(1, max_rows))
    d = draw(st.integers(1, 3))
    X = draw(st.lists(st.lists(st.integers(0, 4), min_size=d, max_size=d), min_size=n,
                      max_size=n))
    y = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    return np.array(X, dtype=float), np.array(y)


@HYPOTHESIS
@given(data=_datasets())
def test_best_split_matches_brute_force(submission, data):
    X, y = data
    _check_split(submission, X, y, "compared with a brute-force loop over all midpoints")


def _fit_predict(submission, X, y, queries, **params):
    tree = submission.DecisionTree(**params)
    tree.fit(X, y)
    return np.asarray(tree.predict(queries))


def test_stump_predictions_by_hand(submission):
    X = np.array([[1.0], [2.0], [3.0], [4.0], [5.0]])
    y = np.array([0, 0, 0, 1, 1])
    queries = np.array([[0.0], [3.0], [3.4], [3.5], [3.6], [10.0]])
    got = _fit_predict(submission, X, y, queries, max_depth=1)
    assert_close(
        got,
        np.array([0, 0, 0, 0, 1, 1]),
        name="predict",
        context="max_depth=1 on X=[1, 2, 3, 4, 5], y=[0, 0, 0, 1, 1]: one split at the midpoint "
        "3.5; queries [0, 3, 3.4, 3.5, 3.6, 10] (3.5 lies exactly on the threshold: <= goes left)",
    )
    labels = np.asarray(_fit_predict(submission, X, np.array([0, 0, 2, 2, 2]), queries,
                                     max_depth=0))
    assert_close(labels, np.full(6, 2), name="predict with max_depth=0",
                 context="max_depth=0 is a single leaf predicting the majority class 2")


def test_xor_needs_a_zero_gain_first_split(submission):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    got = _fit_predict(submission, X, y, X, max_depth=2)
    assert_close(
        got,
        y,
        name="predict on the training points",
        context="XOR: the first split has zero Gini gain but must still be made (the node is "
        "impure and a threshold exists); depth 2 then fits XOR exactly",
    )


@st.composite
def _tree_cases(draw):
    X, y = draw(_datasets(max_rows=14))
    max_depth = draw(st.sampled_from([None, 1, 2, 3]))
    min_samples_split = draw(st.sampled_from([2, 3, 5]))
    return X, y, max_depth, min_samples_split


@HYPOTHESIS
@given(case=_tree_cases())
def test_tree_matches_reference(submission, case):
    X, y, max_depth, min_samples_split = case
    grid = np.array([[a, b, c] for a in np.arange(-0.5, 5, 0.5) for b in (0.5, 1.5, 2.5)
                     for c in (1.0, 3.5)])[:, : X.shape[1]]
    queries = np.vstack([X, grid])
    got = _fit_predict(submission, X, y, queries, max_depth=max_depth,
                       min_samples_split=min_samples_split)
    root = _reference_tree(X, y, max_depth, min_samples_split)
    expected = np.array([_reference_predict(root, q) for q in queries])
    assert_close(
        got,
        expected,
        name="predict",
        context=f"DecisionTree(max_depth={max_depth}, min_samples_split={min_samples_split}) "
        f"fitted on X = {X.tolist()}, y = {y.tolist()}; queries are the training rows, then a "
        "grid including points exactly on the midpoints",
    )
