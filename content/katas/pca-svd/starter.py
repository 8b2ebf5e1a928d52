import numpy as np


def pca(X, n_components):
    """PCA of X (N, D) via the SVD of the centred data.

    Return (components (k, D) with orthonormal rows, largest-abs loading of each positive;
    explained_variance (k,) = variance along each component with N - 1, descending;
    transformed (N, k) = (X - mean) @ components.T).
    """
    raise NotImplementedError
