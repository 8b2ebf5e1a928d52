import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, dtype=np.float64)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError("need both classes")
    neg = np.sort(s[~y])
    # Number of negatives strictly below each positive; tied pairs are not counted at all.
    below = np.searchsorted(neg, s[y], side="left")
    return float(below.sum() / (n_pos * n_neg))
