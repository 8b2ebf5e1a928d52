import numpy as np


def kfold_indices(n, k, shuffle=False, seed=0):
    """Yield k pairs (train_idx, val_idx) of sorted int arrays.

    The first n % k folds have n // k + 1 samples, the rest n // k. Without shuffle, fold i is
    the i-th consecutive block of 0..n-1; with shuffle, the i-th consecutive block of
    np.random.default_rng(seed).permutation(n). ValueError unless 2 <= k <= n.
    """
    raise NotImplementedError


def stratified_kfold_indices(y, k):
    """Yield k pairs (train_idx, val_idx) of sorted int arrays, deterministically.

    Every class's count in each validation fold is floor or ceil of its total count / k, and
    fold sizes differ by at most one. ValueError unless 2 <= k <= len(y).
    """
    raise NotImplementedError
