import numpy as np


def best_split(X, y):
    """Return (feature, threshold, gini_gain) of the best split of (X (N, D), y (N,)).

    Candidate thresholds are midpoints between consecutive sorted unique values of a feature;
    rows with X[:, feature] <= threshold go left. Gains within 1e-9 of each other are ties:
    lowest feature first, then lowest threshold. (None, None, 0.0) if no feature has two
    distinct values.
    """
    raise NotImplementedError


class DecisionTree:
    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def fit(self, X, y):
        """Grow the tree (see the prompt for when a node becomes a leaf); return self."""
        raise NotImplementedError

    def predict(self, X):
        """Return an int array (N,) of predicted classes."""
        raise NotImplementedError
