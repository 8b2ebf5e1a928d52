import numpy as np


def pca(X, n_components):
    X = np.asarray(X, dtype=np.float64)
    n = X.shape[0]
    centred = X - X.mean(axis=0)
    _, singular_values, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:n_components].copy()
    # Deterministic sign: the largest-magnitude loading of each component is positive.
    largest = np.argmax(np.abs(components), axis=1)
    signs = np.sign(components[np.arange(n_components), largest])
    components *= signs[:, None]
    explained_variance = singular_values[:n_components] ** 2 / (n - 1)
    transformed = centred @ components.T
    return components, explained_variance, transformed
