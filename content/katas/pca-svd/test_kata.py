import numpy as np

from desktop.katas.checks import assert_close, assert_equal


def _oracle(X, k):
    """Eigen-decomposition of the sample covariance (N - 1), sorted, sign-normalised."""
    cov = np.cov(X, rowvar=False)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1][:k]
    components = vectors[:, order].T
    largest = np.argmax(np.abs(components), axis=1)
    components *= np.sign(components[np.arange(k), largest])[:, None]
    return components, values[order], (X - X.mean(axis=0)) @ components.T


def _correlated(n=60, d=5, seed=0, offset=10.0):
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(d, d)) * np.geomspace(3.0, 0.3, d)[:, None]
    return rng.normal(size=(n, d)) @ mixing + offset * rng.normal(size=d)


def _run(submission, X, k):
    components, variance, transformed = submission.pca(X, k)
    components, variance, transformed = (np.asarray(a, dtype=float)
                                         for a in (components, variance, transformed))
    n, d = X.shape
    assert_equal(components.shape, (k, d), name="components.shape",
                 context="one row per component")
    assert_equal(variance.shape, (k,), name="explained_variance.shape")
    assert_equal(transformed.shape, (n, k), name="transformed.shape")
    return components, variance, transformed


def test_points_on_a_line_by_hand(submission):
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    components, variance, transformed = _run(submission, X, 1)
    context = ("X = [[0,0],[1,1],[2,2],[3,3]] (mean [1.5, 1.5]): the direction is [1,1]/sqrt(2) "
               "and the projections are [-1.5, -0.5, 0.5, 1.5] * sqrt(2)")
    s = 1 / np.sqrt(2)
    assert_close(components, np.array([[s, s]]), name="components", context=context)
    assert_close(variance, np.array([10.0 / 3.0]), name="explained_variance",
                 context=context + "; sum of squares 10 divided by N - 1 = 3")
    assert_close(transformed, np.array([[-1.5], [-0.5], [0.5], [1.5]]) * np.sqrt(2),
                 name="transformed", context=context)


def test_matches_covariance_eigendecomposition(submission):
    X = _correlated()
    components, variance, transformed = _run(submission, X, 3)
    exp_c, exp_v, exp_t = _oracle(X, 3)
    context = "60 x 5 correlated data with mean far from 0, k=3; oracle: eigh(np.cov(X.T))"
    assert_close(variance, exp_v, rtol=1e-8, atol=1e-10, name="explained_variance",
                 context=context + " (sample variance, N - 1)")
    assert_close(components, exp_c, rtol=1e-6, atol=1e-8, name="components",
                 context=context + " (rows are eigenvectors, largest-abs loading positive)")
    assert_close(transformed, exp_t, rtol=1e-6, atol=1e-8, name="transformed",
                 context=context + " (centred data projected on the components)")


def test_components_orthonormal_and_sign_convention(submission):
    X = _correlated(n=40, d=6, seed=1)
    components, variance, _ = _run(submission, X, 4)
    assert_close(components @ components.T, np.eye(4), rtol=0, atol=1e-8,
                 name="components @ components.T", context="the rows must be orthonormal")
    largest = components[np.arange(4), np.argmax(np.abs(components), axis=1)]
    if not np.all(largest > 0):
        raise AssertionError(
            "sign convention: the largest-magnitude loading of every component must be positive; "
            f"got largest loadings {np.round(largest, 4).tolist()}"
        )
    if not np.all(np.diff(variance) <= 1e-12):
        raise AssertionError(f"explained_variance must be descending, got {variance.tolist()}")


def test_total_variance_with_all_components(submission):
    X = _correlated(n=30, d=4, seed=2)
    _, variance, transformed = _run(submission, X, 4)
    assert_close(float(np.sum(variance)), float(np.trace(np.cov(X, rowvar=False))), rtol=1e-9,
                 name="sum of explained_variance",
                 context="with all components, the variances add up to the total sample variance")
    assert_close(transformed.var(axis=0, ddof=1), variance, rtol=1e-8, atol=1e-10,
                 name="variance of each transformed column (ddof=1)")
