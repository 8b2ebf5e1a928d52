import numpy as np


def oversample_minority(X, y, rng):
    """Randomly oversample every class up to the majority count.

    X: (N, D), y: (N,) int labels, rng: np.random.Generator (use it for all sampling).
    Return (X_res, y_res): every original row exactly once plus, for each smaller class,
    (majority count - class count) rows of that class drawn uniformly with replacement.
    """
    raise NotImplementedError


def class_weights(y):
    """Return {label: n_samples / (n_classes * count(label))} for every label present in y."""
    raise NotImplementedError
