import warnings

import numpy as np

from desktop.katas.checks import assert_close, assert_equal


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))


def _model(submission, n_features, lr, l2=0.0, w=None, b=0.0):
    model = submission.OnlineLogisticRegression(n_features, lr, l2=l2)
    if w is not None:
        model.w = np.array(w, dtype=np.float64)
        model.b = float(b)
    return model


def test_single_example_step_by_hand(submission):
    model = _model(submission, 2, lr=0.5)
    assert_close(np.asarray(model.w, dtype=float), np.zeros(2), name="initial w")
    result = model.partial_fit(np.array([1.0, 2.0]), 1)
    if result is not model:
        raise AssertionError("partial_fit must return self")
    context = ("from w = 0, b = 0 with lr=0.5, one example x=[1, 2], y=1: p = 0.5, so "
               "grad_w = (p - y) * x = [-0.5, -1] and grad_b = -0.5")
    assert_close(np.asarray(model.w, dtype=float), np.array([0.25, 0.5]), name="w", context=context)
    assert_close(float(model.b), 0.25, name="b", context=context)


def test_batch_step_with_l2(submission):
    w0, b0 = np.array([0.3, -0.2, 0.1]), 0.4
    X = np.array([[1.0, 0.0, 2.0], [0.5, -1.0, 0.0], [-2.0, 1.0, 1.0], [0.0, 3.0, -1.0]])
    y = np.array([1.0, 0.0, 1.0, 0.0])
    model = _model(submission, 3, lr=0.1, l2=0.5, w=w0, b=b0)
    model.partial_fit(X, y)
    error = _sigmoid(X @ w0 + b0) - y
    exp_w = w0 - 0.1 * (X.T @ error / 4 + 0.5 * w0)
    exp_b = b0 - 0.1 * error.mean()
    context = ("batch of 4 from w=[0.3, -0.2, 0.1], b=0.4, lr=0.1, l2=0.5: grad_w = "
               "X^T (p - y) / 4 + l2 * w, grad_b = mean(p - y) (no L2 on the bias)")
    assert_close(np.asarray(model.w, dtype=float), exp_w, rtol=1e-9, atol=1e-12, name="w",
                 context=context)
    assert_close(float(model.b), exp_b, rtol=1e-9, atol=1e-12, name="b", context=context)


def test_predict_proba_values_and_shapes(submission):
    model = _model(submission, 2, lr=0.1, w=[1.0, -2.0], b=0.5)
    X = np.array([[0.0, 0.0], [1.0, 1.0], [-1.0, 0.5], [2.0, -1.0]])
    p = np.asarray(model.predict_proba(X))
    assert_equal(p.shape, (4,), name="predict_proba(X).shape", context="X has shape (4, 2)")
    assert_close(p, _sigmoid(X @ np.array([1.0, -2.0]) + 0.5), name="predict_proba",
                 context="w=[1, -2], b=0.5")
    single = model.predict_proba(np.array([1.0, 1.0]))
    assert_close(float(single), float(_sigmoid(-0.5)), name="predict_proba(one row)")


def test_large_logits_are_stable(submission):
    model = _model(submission, 1, lr=0.1, w=[1000.0], b=0.0)
    X = np.array([[-5.0], [-1.0], [0.0], [1.0], [5.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            p = np.asarray(model.predict_proba(X))
            model.partial_fit(X, np.array([0.0, 0.0, 1.0, 1.0, 1.0]))
        except (RuntimeWarning, FloatingPointError) as exc:
            raise AssertionError(
                f"overflow for logits of +-5000 ({exc}); compute the sigmoid from exp(-|z|) "
                "so that exp never sees a large positive argument"
            ) from None
    assert_close(p, np.array([0.0, 0.0, 0.5, 1.0, 1.0]), name="predict_proba",
                 context="w=[1000], b=0: logits [-5000, -1000, 0, 1000, 5000]")
    if not (np.all(np.isfinite(model.w)) and np.isfinite(model.b)):
        raise AssertionError(f"partial_fit produced non-finite parameters: w={model.w}, b={model.b}")


def test_learns_separable_ish_stream(submission):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(1000, 2))
    w_true, b_true = np.array([2.0, -3.0]), 0.5
    y = (rng.random(1000) < _sigmoid(4 * (X @ w_true + b_true))).astype(float)
    model = _model(submission, 2, lr=0.1, l2=1e-4)
    for _ in range(2):
        for i in rng.permutation(1000):
            model.partial_fit(X[i], y[i])
    p = np.asarray(model.predict_proba(X))
    accuracy = float(np.mean((p > 0.5) == (y > 0.5)))
    cosine = float(model.w @ w_true / (np.linalg.norm(model.w) * np.linalg.norm(w_true) + 1e-12))
    if accuracy < 0.9 or cosine < 0.98:
        raise AssertionError(
            f"after 2 passes of single-example partial_fit (lr=0.1) on 1000 points labelled by "
            f"w=[2, -3], b=0.5 (plus a little noise): training accuracy {accuracy:.3f} (need "
            f">= 0.9), cosine(w, w_true) {cosine:.3f} (need >= 0.98); learned w={model.w}, "
            f"b={model.b:.3f}"
        )
