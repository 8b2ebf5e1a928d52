import numpy as np


def oversample_minority(X, y, rng):
    X = np.asarray(X)
    y = np.asarray(y)
    classes, counts = np.unique(y, return_counts=True)
    target = counts.max()
    # Draw `target` rows with replacement from every class, the majority included.
    idx = np.concatenate(
        [rng.choice(np.flatnonzero(y == label), size=target, replace=True) for label in classes]
    )
    return X[idx], y[idx]


def class_weights(y):
    classes, counts = np.unique(np.asarray(y), return_counts=True)
    n, k = len(y), len(classes)
    return {int(c): float(n / (k * m)) for c, m in zip(classes, counts)}
