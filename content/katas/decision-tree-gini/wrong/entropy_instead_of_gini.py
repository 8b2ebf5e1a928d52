import numpy as np

TIE_TOL = 1e-9


def gini(y):
    # Entropy in bits used as the impurity.
    if len(y) == 0:
        return 0.0
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return float(-np.sum(p * np.log2(p)))


def best_split(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, d = X.shape
    parent = gini(y)
    best = (None, None, 0.0)
    best_gain = -np.inf
    for feature in range(d):
        values = np.unique(X[:, feature])
        for threshold in (values[:-1] + values[1:]) / 2.0:
            left = X[:, feature] <= threshold
            n_left = int(left.sum())
            gain = parent - (n_left / n) * gini(y[left]) - ((n - n_left) / n) * gini(y[~left])
            if gain > best_gain + TIE_TOL:
                best_gain = gain
                best = (feature, float(threshold), float(gain))
    return best


class DecisionTree:
    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.root = None

    def fit(self, X, y):
        self.root = self._grow(np.asarray(X, dtype=float), np.asarray(y), depth=0)
        return self

    def _grow(self, X, y, depth):
        labels, counts = np.unique(y, return_counts=True)
        leaf = {"leaf": True, "value": int(labels[np.argmax(counts)])}
        if (
            len(labels) == 1
            or len(y) < self.min_samples_split
            or (self.max_depth is not None and depth >= self.max_depth)
        ):
            return leaf
        feature, threshold, _ = best_split(X, y)
        if feature is None:
            return leaf
        left = X[:, feature] <= threshold
        return {
            "leaf": False,
            "feature": feature,
            "threshold": threshold,
            "left": self._grow(X[left], y[left], depth + 1),
            "right": self._grow(X[~left], y[~left], depth + 1),
        }

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        out = np.empty(len(X), dtype=np.int64)
        for i, row in enumerate(X):
            node = self.root
            while not node["leaf"]:
                node = node["left"] if row[node["feature"]] <= node["threshold"] else node["right"]
            out[i] = node["value"]
        return out
