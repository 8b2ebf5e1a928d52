import numpy as np


def loss(w, b, X, y, l1=0.0, l2=0.0):
    residual = X @ w + b - y
    return float(
        0.5 * np.mean(residual**2) + l1 * np.sum(np.abs(w)) + 0.5 * l2 * np.sum(w**2)
    )


def fit_linear_sgd(X, y, lr, epochs, batch_size, l1=0.0, l2=0.0, seed=0):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            residual = X[idx] @ w + b - y[idx]
            grad_w = X[idx].T @ residual / len(idx) + l1 * np.sign(w) + l2 * w
            grad_b = residual.mean() + l2 * b + l1 * np.sign(b)
            w = w - lr * grad_w
            b = b - lr * grad_b
    return w, float(b)
