import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, dtype=np.float64)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError("need both classes")
    # One threshold per distinct score, but taken in order of first appearance, not sorted.
    _, first = np.unique(s, return_index=True)
    thresholds = s[np.sort(first)]
    tpr = [0.0] + [float(np.sum(y & (s >= t)) / n_pos) for t in thresholds]
    fpr = [0.0] + [float(np.sum(~y & (s >= t)) / n_neg) for t in thresholds]
    return float(np.trapezoid(tpr, fpr))
