import numpy as np


def loss(w, b, X, y, l1=0.0, l2=0.0):
    """Return mean((X @ w + b - y) ** 2) / 2 + l1 * sum(|w|) + l2 / 2 * sum(w ** 2) as a float.

    The bias b is not regularised.
    """
    raise NotImplementedError


def fit_linear_sgd(X, y, lr, epochs, batch_size, l1=0.0, l2=0.0, seed=0):
    """Minibatch SGD on `loss`; return (w (D,), b float).

    Start from w = 0, b = 0. rng = np.random.default_rng(seed), one rng.permutation(N) per
    epoch, consecutive slices of batch_size (the last may be smaller), one step per slice
    with the gradient averaged over the slice; L1 subgradient l1 * np.sign(w).
    """
    raise NotImplementedError
