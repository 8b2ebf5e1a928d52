import numpy as np
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_equal

HYPOTHESIS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)


def _reference_kfold(n, k, shuffle, seed):
    order = list(np.random.default_rng(seed).permutation(n)) if shuffle else list(range(n))
    folds, start = [], 0
    for i in range(k):
        size = n // k + (1 if i < n % k else 0)
        val = sorted(int(j) for j in order[start:start + size])
        start += size
        folds.append(([j for j in range(n) if j not in set(val)], val))
    return folds


def _as_lists(submission_folds):
    return [([int(i) for i in train], [int(i) for i in val]) for train, val in submission_folds]


def _check_partition(folds, n, k, context):
    assert_equal(len(folds), k, name="number of folds", context=context)
    seen = {}
    for f, (train, val) in enumerate(folds):
        if sorted(train) != list(train) or sorted(val) != list(val):
            raise AssertionError(f"fold {f}: train and val indices must be sorted ascending; "
                                 f"got train={train}, val={val}\n{context}")
        overlap = set(train) & set(val)
        if overlap:
            raise AssertionError(f"fold {f}: indices {sorted(overlap)} are in both train and "
                                 f"val\n{context}")
        if sorted(train + val) != list(range(n)):
            raise AssertionError(f"fold {f}: train + val must be exactly 0..{n - 1}; got "
                                 f"train={train}, val={val}\n{context}")
        for i in val:
            seen.setdefault(i, []).append(f)
    repeated = {i: fs for i, fs in seen.items() if len(fs) > 1}
    missing = sorted(set(range(n)) - set(seen))
    if repeated or missing:
        raise AssertionError(
            "the validation folds must partition 0..n-1 (each index validated exactly once); "
            f"validated more than once (index: folds): {repeated}; never validated: {missing}\n"
            + context
        )


def test_tiny_kfold_by_hand(submission):
    folds = _as_lists(submission.kfold_indices(5, 2))
    assert_equal(folds, [([3, 4], [0, 1, 2]), ([0, 1, 2], [3, 4])],
                 name="list(kfold_indices(5, 2))",
                 context="n % k = 1, so the first fold gets the extra sample")


def test_fold_sizes_like_sklearn(submission):
    folds = _as_lists(submission.kfold_indices(10, 3))
    assert_equal([len(val) for _, val in folds], [4, 3, 3], name="validation fold sizes",
                 context="kfold_indices(10, 3): the first n % k = 1 folds get n // k + 1")
    assert_equal([val for _, val in folds], [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]],
                 name="validation folds")


def test_shuffle_uses_the_seeded_permutation(submission):
    perm = np.random.default_rng(7).permutation(10)
    folds = _as_lists(submission.kfold_indices(10, 4, shuffle=True, seed=7))
    expected = [sorted(int(i) for i in perm[a:b]) for a, b in ((0, 3), (3, 6), (6, 8), (8, 10))]
    assert_equal([val for _, val in folds], expected, name="validation folds",
                 context=f"kfold_indices(10, 4, shuffle=True, seed=7) with "
                 f"np.random.default_rng(7).permutation(10) = {perm.tolist()}: consecutive "
                 "blocks of sizes 3, 3, 2, 2, each sorted")


def test_invalid_k_raises(submission):
    for n, k in ((5, 1), (3, 4)):
        try:
            folds = list(submission.kfold_indices(n, k))
        except ValueError:
            continue
        raise AssertionError(f"kfold_indices({n}, {k}) returned {len(folds)} folds; "
                             "it must raise ValueError unless 2 <= k <= n")


@HYPOTHESIS
@given(n=st.integers(2, 40), k=st.integers(2, 8), shuffle=st.booleans(), seed=st.integers(0, 5))
def test_kfold_matches_reference(submission, n, k, shuffle, seed):
    k = min(k, n)
    context = f"kfold_indices(n={n}, k={k}, shuffle={shuffle}, seed={seed})"
    folds = _as_lists(submission.kfold_indices(n, k, shuffle=shuffle, seed=seed))
    _check_partition(folds, n, k, context)
    assert_equal(folds, _reference_kfold(n, k, shuffle, seed), name="folds", context=context)


def _check_stratified(folds, y, k, context):
    n = len(y)
    _check_partition(folds, n, k, context)
    sizes = [len(val) for _, val in folds]
    if max(sizes) - min(sizes) > 1:
        raise AssertionError(f"validation fold sizes {sizes} differ by more than one\n{context}")
    for c in sorted(set(y)):
        total = sum(1 for v in y if v == c)
        counts = [sum(1 for i in val if y[i] == c) for _, val in folds]
        lo, hi = total // k, -(-total // k)
        if not all(lo <= x <= hi for x in counts):
            raise AssertionError(
                f"class {c} ({total} samples) is spread over the validation folds as {counts}; "
                f"each fold must hold {lo} or {hi} of them\n{context}"
            )


def test_stratified_tiny_by_hand(submission):
    y = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    folds = _as_lists(submission.stratified_kfold_indices(y, 2))
    _check_stratified(folds, y, 2, "y = [0]*4 + [1]*6, k = 2: each fold gets two 0s and three 1s")


def test_stratified_is_deterministic(submission):
    y = [2, 0, 1, 1, 0, 2, 2, 1, 0, 0, 1]
    a = _as_lists(submission.stratified_kfold_indices(y, 3))
    b = _as_lists(submission.stratified_kfold_indices(y, 3))
    assert_equal(a, b, name="a second call with the same y", context="no randomness allowed")


@HYPOTHESIS
@given(y=st.lists(st.integers(0, 3), min_size=2, max_size=40), k=st.integers(2, 6))
def test_stratified_properties(submission, y, k):
    k = min(k, len(y))
    folds = _as_lists(submission.stratified_kfold_indices(np.array(y), k))
    _check_stratified(folds, y, k, f"stratified_kfold_indices(y={y}, k={k})")
