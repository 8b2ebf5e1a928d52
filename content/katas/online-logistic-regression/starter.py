import numpy as np


class OnlineLogisticRegression:
    def __init__(self, n_features, lr, l2=0.0):
        self.w = np.zeros(n_features)  # weights, float64 (n_features,)
        self.b = 0.0                   # bias, a float (not regularised)
        self.lr = lr
        self.l2 = l2

    def partial_fit(self, x, y):
        """One SGD step on the mean log-loss of x (D,) or (B, D) with labels y (scalar or (B,)).

        Gradient: X^T (p - y) / B + l2 * w for w and mean(p - y) for b. Return self.
        """
        raise NotImplementedError

    def predict_proba(self, X):
        """P(y = 1): (B,) for X of shape (B, D), a float for x of shape (D,). Must not overflow."""
        raise NotImplementedError
