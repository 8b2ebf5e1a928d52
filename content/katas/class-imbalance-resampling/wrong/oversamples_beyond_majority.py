import numpy as np


def oversample_minority(X, y, rng):
    X = np.asarray(X)
    y = np.asarray(y)
    classes, counts = np.unique(y, return_counts=True)
    target = counts.max()
    extra = []
    for label, count in zip(classes, counts):
        if count < target:
            members = np.flatnonzero(y == label)
            extra.append(rng.choice(members, size=target, replace=True))
    idx = np.concatenate([np.arange(len(y))] + extra).astype(np.int64)
    return X[idx], y[idx]


def class_weights(y):
    classes, counts = np.unique(np.asarray(y), return_counts=True)
    n, k = len(y), len(classes)
    return {int(c): float(n / (k * m)) for c, m in zip(classes, counts)}
