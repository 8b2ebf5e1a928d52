import numpy as np


def _check_k(n, k):
    if not 2 <= k <= n:
        raise ValueError(f"need 2 <= k <= n, got k={k}, n={n}")


def _folds_from_assignment(fold_of, k):
    """Yield (train, val) for every fold given the fold number of each sample."""
    all_idx = np.arange(len(fold_of))
    for fold in range(k):
        in_fold = fold_of == fold
        yield all_idx[~in_fold], all_idx[in_fold]


def kfold_indices(n, k, shuffle=False, seed=0):
    _check_k(n, k)
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    fold_of = np.empty(n, dtype=np.int64)
    fold_of[order] = np.repeat(np.arange(k), sizes)
    yield from _folds_from_assignment(fold_of, k)


def stratified_kfold_indices(y, k):
    y = np.asarray(y)
    n = len(y)
    _check_k(n, k)
    # Indices grouped by class (stable), then dealt round-robin to the folds: every class is
    # spread evenly and the fold sizes differ by at most one.
    # Each class is split into k consecutive chunks, the first chunks getting the remainder.
    fold_of = np.empty(n, dtype=np.int64)
    for c in np.unique(y):
        members = np.flatnonzero(y == c)
        sizes = np.full(k, len(members) // k)
        sizes[: len(members) % k] += 1
        fold_of[members] = np.repeat(np.arange(k), sizes)
    yield from _folds_from_assignment(fold_of, k)
