import numpy as np


def sigmoid(z):
    """Numerically stable logistic function: never evaluates exp of a positive number."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


class OnlineLogisticRegression:
    def __init__(self, n_features, lr, l2=0.0):
        self.w = np.zeros(n_features)
        self.b = 0.0
        self.lr = lr
        self.l2 = l2

    def partial_fit(self, x, y):
        X = np.atleast_2d(np.asarray(x, dtype=np.float64))
        y = np.atleast_1d(np.asarray(y, dtype=np.float64))
        error = y - sigmoid(X @ self.w + self.b)  # (B,)
        grad_w = X.T @ error / len(y) + self.l2 * self.w
        grad_b = float(error.mean())
        self.w = self.w - self.lr * grad_w
        self.b = self.b - self.lr * grad_b
        return self

    def predict_proba(self, X):
        X = np.asarray(X, dtype=np.float64)
        p = sigmoid(X @ self.w + self.b)
        return float(p) if X.ndim == 1 else p
