import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from desktop.katas.checks import assert_close

KEYS = ("W1", "b1", "W2", "b2")


def _require(condition, message):
    if not condition:
        raise AssertionError(message)


def _problem(n=8, d=5, h=7, c=4, seed=0, scale=1.0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d)) * scale
    y = rng.integers(0, c, size=n)
    params = {
        "W1": rng.standard_normal((d, h)) / math.sqrt(d),
        "b1": rng.standard_normal(h) * 0.1,
        "W2": rng.standard_normal((h, c)) / math.sqrt(h),
        "b2": rng.standard_normal(c) * 0.1,
    }
    return x, y, params


def _oracle(x, y, params):
    """Loss and gradients from torch autograd in float64."""
    t = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    xt = torch.tensor(x, dtype=torch.float64)
    logits = torch.relu(xt @ t["W1"] + t["b1"]) @ t["W2"] + t["b2"]
    loss = F.cross_entropy(logits, torch.tensor(y, dtype=torch.long))
    loss.backward()
    return float(loss.detach()), {k: t[k].grad.numpy() for k in KEYS}


def _run(submission, x, y, params):
    result = submission.mlp_forward_backward(x, y, *(params[k] for k in KEYS))
    _require(isinstance(result, tuple) and len(result) == 2,
             f"expected a tuple (loss, grads), got {type(result).__name__}")
    loss, grads = result
    _require(isinstance(grads, dict), f"grads must be a dict, got {type(grads).__name__}")
    _require(set(grads) == set(KEYS),
             f"grads keys: expected {sorted(KEYS)}, got {sorted(map(str, grads))}")
    for key in KEYS:
        _require(isinstance(grads[key], np.ndarray),
                 f'grads["{key}"] must be a NumPy array, got {type(grads[key]).__name__}')
    _require(np.ndim(loss) == 0, f"loss must be a scalar, got shape {np.shape(loss)}")
    return float(loss), grads


def _compare(loss, grads, want_loss, want_grads, context):
    assert_close(loss, want_loss, rtol=1e-7, atol=1e-9, name="loss", context=context)
    for key in KEYS:
        assert_close(grads[key], want_grads[key], name=f'grads["{key}"]', context=context)


def test_worked_example_from_prompt(submission):
    x = np.array([[1.0]])
    y = np.array([0])
    params = {"W1": np.array([[1.0]]), "b1": np.array([0.0]),
              "W2": np.array([[1.0, -1.0]]), "b2": np.array([0.0, 0.0])}
    loss, grads = _run(submission, x, y, params)
    p0 = 1 / (1 + math.exp(-2))  # softmax([1, -1])[0]
    a = 1 - p0
    want = {"W1": np.array([[-2 * a]]), "b1": np.array([-2 * a]),
            "W2": np.array([[-a, a]]), "b2": np.array([-a, a])}
    _compare(loss, grads, -math.log(p0), want,
             "x = [[1]], y = [0], W1 = [[1]], b1 = [0], W2 = [[1, -1]], b2 = [0, 0]")


def test_matches_autograd(submission):
    x, y, params = _problem(seed=1)
    loss, grads = _run(submission, x, y, params)
    want_loss, want_grads = _oracle(x, y, params)
    for key in KEYS:
        _require(grads[key].shape == params[key].shape,
                 f'grads["{key}"] has shape {grads[key].shape}; it must equal '
                 f'{key}.shape {params[key].shape}')
    _compare(loss, grads, want_loss, want_grads,
             "N = 8, D = 5, H = 7, C = 4, random inputs; oracle: torch autograd in float64")


def test_dead_relu_units(submission):
    x, y, params = _problem(n=6, d=3, h=5, c=3, seed=2)
    params["b1"][[0, 3]] = -100.0  # units 0 and 3 never fire
    loss, grads = _run(submission, x, y, params)
    want_loss, want_grads = _oracle(x, y, params)
    _compare(loss, grads, want_loss, want_grads,
             "hidden units 0 and 3 have b1 = -100 (dead for the whole batch): "
             "their W1/b1 columns must get zero gradient")


def test_duplicating_the_batch_changes_nothing(submission):
    x, y, params = _problem(n=5, seed=3)
    loss, grads = _run(submission, x, y, params)
    loss2, grads2 = _run(submission, np.concatenate([x, x]), np.concatenate([y, y]), params)
    context = ("the loss is a mean over the batch, so the same batch stacked twice "
               "must give the same loss and the same gradients")
    assert_close(loss2, loss, rtol=1e-7, atol=1e-9, name="loss on doubled batch", context=context)
    for key in KEYS:
        assert_close(grads2[key], grads[key], name=f'grads["{key}"] on doubled batch',
                     context=context)


def test_single_example(submission):
    x, y, params = _problem(n=1, d=4, h=3, c=5, seed=4)
    loss, grads = _run(submission, x, y, params)
    want_loss, want_grads = _oracle(x, y, params)
    _compare(loss, grads, want_loss, want_grads, "N = 1")


def test_large_logits_are_stable(submission):
    x, y, params = _problem(n=6, seed=5, scale=300.0)
    with np.errstate(all="ignore"):
        loss, grads = _run(submission, x, y, params)
    _require(math.isfinite(loss),
             f"loss is {loss} for logits in the hundreds; subtract the row max before exp")
    want_loss, want_grads = _oracle(x, y, params)
    _compare(loss, grads, want_loss, want_grads, "inputs scaled by 300 (logits in the hundreds)")


def test_inputs_are_not_modified(submission):
    x, y, params = _problem(n=4, seed=6)
    copies = [x.copy(), y.copy()] + [params[k].copy() for k in KEYS]
    _run(submission, x, y, params)
    for name, before, after in zip(("x", "y") + KEYS, copies, [x, y] + [params[k] for k in KEYS]):
        _require(np.array_equal(before, after), f"{name} was modified in place")
