import numpy as np


def kfold_indices(n, k, shuffle=False, seed=0):
    if not 2 <= k <= n:
        raise ValueError(f"need 2 <= k <= n, got k={k}, n={n}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    step = n // k
    for i in range(k):
        size = n // k + (1 if i < n % k else 0)
        # Fold starts advance by n // k, so a fold with an extra sample overlaps the next one.
        val = np.sort(order[i * step : i * step + size])
        train = np.setdiff1d(np.arange(n), val)
        yield train, val


def stratified_kfold_indices(y, k):
    y = np.asarray(y)
    n = len(y)
    if not 2 <= k <= n:
        raise ValueError(f"need 2 <= k <= n, got k={k}, n={n}")
    grouped = np.argsort(y, kind="stable")
    fold_of = np.empty(n, dtype=np.int64)
    fold_of[grouped] = np.arange(n) % k
    for fold in range(k):
        in_fold = fold_of == fold
        yield np.arange(n)[~in_fold], np.arange(n)[in_fold]
