import numpy as np

from desktop.katas.checks import assert_close


def _data(n=200, d=3, noise=0.01, seed=0, bias=2.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) + np.array([1.0, -2.0, 0.5])[:d]
    w_true = np.array([1.5, -0.7, 3.0])[:d]
    y = X @ w_true + bias + noise * rng.normal(size=n)
    return X, y


def _ridge_solution(X, y, l2):
    """argmin of mean((Xw + b - y)^2) / 2 + l2 / 2 * |w|^2 with a free (unpenalised) bias."""
    xm, ym = X.mean(axis=0), y.mean()
    Xc, yc = X - xm, y - ym
    n, d = X.shape
    w = np.linalg.solve(Xc.T @ Xc / n + l2 * np.eye(d), Xc.T @ yc / n)
    return w, ym - xm @ w


def _full_batch_reference(X, y, lr, epochs, l1, l2):
    """Plain gradient descent, one step per epoch (batch_size = N: the order does not matter)."""
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        r = X @ w + b - y
        w, b = w - lr * (X.T @ r / len(y) + l1 * np.sign(w) + l2 * w), b - lr * r.mean()
    return w, b


def test_loss_tiny_by_hand(submission):
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    y = np.array([1.0, 2.0])
    w = np.array([0.5, -1.0])
    value = submission.loss(w, 0.5, X, y, l1=0.1, l2=0.2)
    assert_close(
        float(value),
        5.275,
        name="loss",
        context="X=[[1,2],[3,4]], y=[1,2], w=[0.5,-1], b=0.5, l1=0.1, l2=0.2: residuals "
        "[-2, -4] give (4 + 16) / (2 * 2) = 5; L1 0.1 * 1.5 = 0.15; L2 0.2 / 2 * 1.25 = 0.125; "
        "the bias is not penalised",
    )
    assert_close(float(submission.loss(w, 0.5, X, y)), 5.0, name="loss without penalties")


def test_one_full_batch_step_by_hand(submission):
    X = np.array([[1.0, 0.0], [1.0, 2.0], [0.0, 2.0], [2.0, 2.0]])
    y = np.array([1.0, 3.0, 2.0, 6.0])
    w, b = submission.fit_linear_sgd(X, y, lr=0.1, epochs=1, batch_size=4)
    # From w = 0, b = 0: grad_w = -X^T y / N = -[16, 22] / 4, grad_b = -mean(y) = -3.
    assert_close(np.asarray(w, dtype=float), np.array([0.4, 0.55]), name="w after one step",
                 context="one full-batch step (batch_size=N=4, lr=0.1) from w=0, b=0: "
                 "w = lr * X^T y / N = 0.1 * [16, 22] / 4; the gradient is averaged over the batch")
    assert_close(float(b), 0.3, name="b after one step", context="b = lr * mean(y) = 0.1 * 3")


def test_full_batch_trajectory_with_penalties(submission):
    X, y = _data(n=40, seed=1)
    for l1, l2 in ((0.0, 0.3), (0.2, 0.0), (0.1, 0.1)):
        w, b = submission.fit_linear_sgd(X, y, lr=0.05, epochs=5, batch_size=40, l1=l1, l2=l2)
        exp_w, exp_b = _full_batch_reference(X, y, 0.05, 5, l1, l2)
        context = (f"5 full-batch steps (batch_size=N=40), lr=0.05, l1={l1}, l2={l2}: gradient "
                   "X^T r / N + l1 * sign(w) + l2 * w for w and mean(r) for b (no penalty on b)")
        assert_close(np.asarray(w, dtype=float), exp_w, rtol=1e-8, atol=1e-10, name="w",
                     context=context)
        assert_close(float(b), exp_b, rtol=1e-8, atol=1e-10, name="b", context=context)


def test_minibatch_sgd_converges_to_least_squares(submission):
    X, y = _data(noise=0.01, seed=2)
    w, b = submission.fit_linear_sgd(X, y, lr=0.02, epochs=150, batch_size=16, seed=3)
    exp_w, exp_b = _ridge_solution(X, y, 0.0)
    context = ("200 points, 3 features (not centred), noise 0.01, lr=0.02, 150 epochs, "
               "batch_size=16: should reach the least-squares solution")
    assert_close(np.asarray(w, dtype=float), exp_w, rtol=0, atol=0.02, name="w", context=context)
    assert_close(float(b), exp_b, rtol=0, atol=0.03, name="b", context=context)


def test_ridge_with_unpenalised_bias(submission):
    X, y = _data(noise=0.1, seed=4, bias=5.0)
    w, b = submission.fit_linear_sgd(X, y, lr=0.02, epochs=200, batch_size=20, l2=0.5, seed=5)
    exp_w, exp_b = _ridge_solution(X, y, 0.5)
    context = ("ridge, l2=0.5, true bias 5, lr=0.02, 200 epochs, batch_size=20; the expected "
               f"solution has w={np.round(exp_w, 3).tolist()}, b={exp_b:.3f} (bias not shrunk)")
    assert_close(np.asarray(w, dtype=float), exp_w, rtol=0, atol=0.03, name="w", context=context)
    assert_close(float(b), exp_b, rtol=0, atol=0.05, name="b", context=context)


def test_lasso_soft_thresholds(submission):
    rng = np.random.default_rng(6)
    Q, _ = np.linalg.qr(rng.normal(size=(100, 3)))
    Q -= Q.mean(axis=0)
    Q, _ = np.linalg.qr(Q)  # centred, orthonormal columns
    X = Q * 10.0  # X^T X / N = I
    y = X @ np.array([2.0, -0.05, -1.0]) + 1.0
    w, b = submission.fit_linear_sgd(X, y, lr=0.05, epochs=1500, batch_size=100, l1=0.2)
    assert_close(
        np.asarray(w, dtype=float),
        np.array([1.8, 0.0, -0.8]),
        rtol=0,
        atol=0.03,
        name="w",
        context="centred X with X^T X / N = I, least-squares w = [2, -0.05, -1], l1=0.2: the "
        "lasso solution soft-thresholds each weight by 0.2 -> [1.8, 0, -0.8]",
    )
    assert_close(float(b), 1.0, rtol=0, atol=0.01, name="b")
