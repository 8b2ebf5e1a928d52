from collections import Counter

import numpy as np

from desktop.katas.checks import assert_close, assert_equal


def _rows_with_ids(y):
    """X whose first column identifies the row, so output rows can be traced back."""
    n = len(y)
    return np.column_stack([np.arange(n, dtype=float), np.linspace(-1.0, 1.0, n)])


def _describe(y):
    y = np.asarray(y).tolist()
    if len(y) <= 12:
        return f"y = {y}"
    return f"y with class counts {dict(sorted(Counter(y).items()))}"


def _first(items, limit=8):
    shown = ", ".join(str(i) for i in items[:limit])
    return f"[{shown}{', ...' if len(items) > limit else ''}] ({len(items)} in total)"


def _resample(submission, y, seed=0):
    y = np.asarray(y)
    X = _rows_with_ids(y)
    X_res, y_res = submission.oversample_minority(X, y, np.random.default_rng(seed))
    X_res, y_res = np.asarray(X_res), np.asarray(y_res)
    assert_equal(X_res.ndim, 2, name="X_res.ndim")
    assert_equal(X_res.shape[1], X.shape[1], name="X_res.shape[1]", context="features unchanged")
    assert_equal(len(y_res), len(X_res), name="len(y_res)", context="one label per row of X_res")
    ids = X_res[:, 0].astype(int)
    if not np.array_equal(X[ids], X_res):
        raise AssertionError("rows of X_res must be copies of rows of X")
    if not np.array_equal(y[ids], y_res):
        bad = int(np.flatnonzero(y[ids] != y_res)[0])
        raise AssertionError(f"row {bad} of X_res is X[{ids[bad]}] (label {y[ids[bad]]}) but "
                             f"y_res[{bad}] = {y_res[bad]}: each copied row keeps its own label")
    return ids, y_res


def _check_balanced(submission, y, seed=0):
    y = np.asarray(y)
    ids, y_res = _resample(submission, y, seed)
    counts = Counter(y.tolist())
    target = max(counts.values())
    got = Counter(y_res.tolist())
    assert_equal(dict(sorted(got.items())), {c: target for c in sorted(counts)},
                 name="class counts after oversampling",
                 context=f"{_describe(y)}: every class is brought up to the majority count "
                 f"{target}, no further")
    times = Counter(ids.tolist())
    missing = [i for i in range(len(y)) if times[i] == 0]
    if missing:
        raise AssertionError(f"original rows {_first(missing)} are missing from the output: "
                             f"keep every original row and only add copies\n{_describe(y)}")
    for i in range(len(y)):
        if counts[y[i]] == target and times[i] != 1:
            raise AssertionError(f"row {i} belongs to a majority class ({y[i]}) but appears "
                                 f"{times[i]} times; majority rows are kept exactly once")
    return ids


def test_class_weights_by_hand(submission):
    weights = submission.class_weights(np.array([0, 0, 0, 1]))
    assert_equal(sorted(int(c) for c in weights), [0, 1], name="class_weights keys")
    assert_close(float(weights[0]), 4 / 6, name="weight of class 0",
                 context="y = [0, 0, 0, 1]: n / (n_classes * count) = 4 / (2 * 3)")
    assert_close(float(weights[1]), 2.0, name="weight of class 1",
                 context="y = [0, 0, 0, 1]: 4 / (2 * 1)")


def test_class_weights_non_contiguous_labels(submission):
    y = np.array([2, 2, 7, 5, 5, 5])
    weights = submission.class_weights(y)
    expected = {2: 1.0, 5: 6 / 9, 7: 2.0}
    assert_equal(sorted(int(c) for c in weights), [2, 5, 7], name="class_weights keys",
                 context="labels need not be 0..k-1")
    for c, w in expected.items():
        assert_close(float(weights[c]), w, name=f"weight of class {c}",
                     context="y = [2, 2, 7, 5, 5, 5]: n = 6, 3 classes")
    total = sum(float(weights[c]) * int(np.sum(y == c)) for c in expected)
    assert_close(total, 6.0, name="sum over samples of their weights",
                 context="with n / (n_classes * count), the weights of all samples add up to n")


def test_oversample_tiny_by_hand(submission):
    _check_balanced(submission, [0, 0, 0, 0, 1, 1, 2])


def test_oversample_multiclass_and_already_balanced(submission):
    _check_balanced(submission, [3, 1, 3, 2, 3, 1, 3, 3, 2, 1], seed=1)
    ids = _check_balanced(submission, [1, 0, 1, 0], seed=2)
    assert_equal(sorted(ids.tolist()), [0, 1, 2, 3], name="rows of a balanced dataset",
                 context="nothing to add when the classes are already balanced")


def test_copies_are_drawn_uniformly(submission):
    y = np.array([0] * 2005 + [1] * 5)
    ids = _check_balanced(submission, y, seed=3)
    copies = Counter(ids.tolist())
    minority = [copies[i] - 1 for i in range(2005, 2010)]
    # 2000 extra rows over 5 minority rows: about 400 each (standard deviation about 18).
    if min(minority) < 320 or max(minority) > 480:
        raise AssertionError(
            f"the 2000 extra copies are spread over the 5 minority rows as {minority}; drawing "
            "uniformly with replacement gives about 400 each"
        )


def test_uses_the_given_rng(submission):
    y = np.array([0] * 200 + [1] * 8)

    def minority_copies(seed):
        ids, _ = _resample(submission, y, seed=seed)
        counts = Counter(ids.tolist())
        return [counts[i] for i in range(200, 208)]

    a, b, c = minority_copies(5), minority_copies(5), minority_copies(6)
    assert_equal(b, a, name="copies of minority rows 200..207 with the same seed again",
                 context="all randomness must come from the rng argument")
    if a == c:
        raise AssertionError(f"seeds 5 and 6 gave the same copies of minority rows 200..207 ({a}): "
                             "draw them with the rng argument, not a fixed or global generator")
