"""Hidden tests for the debug-exploding-gradients kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import torch
from torch import nn

from desktop.katas.checks import assert_equal, assert_on_device

LOW, HIGH = 1 / 16, 16


def _build(submission, device, d_in, width, depth, d_out, seed):
    torch.manual_seed(seed)
    model = submission.DeepMLP(d_in, width, depth, d_out)
    return model.to(device)


def _linear_mean_squares(model, x):
    """Mean of z**2 for the output of every nn.Linear, in order, relative to mean(x**2)."""
    records = []
    hooks = [
        m.register_forward_hook(lambda _m, _i, out: records.append(out.pow(2).mean().item()))
        for m in model.modules()
        if isinstance(m, nn.Linear)
    ]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for hook in hooks:
            hook.remove()
    base = x.pow(2).mean().item()
    return [r / base for r in records]


def _fmt(values):
    return "[" + ", ".join(f"{v:.3g}" for v in values) + "]"


def test_architecture_is_unchanged(submission, device):
    model = _build(submission, device, 5, 16, 3, 2, seed=0)
    kinds = [type(m).__name__ for m in model.modules() if not isinstance(m, (nn.Sequential,))][1:]
    assert_equal(
        kinds,
        ["Linear", "ReLU"] * 3 + ["Linear"],
        name="layers of DeepMLP(5, 16, 3, 2)",
        context="keep the architecture: depth blocks of Linear -> ReLU, then a Linear head, "
        "nothing else",
    )
    out = model(torch.randn(4, 5, device=device))
    assert_on_device(out, device)
    assert_equal(tuple(out.shape), (4, 2), name="output shape for a (4, 5) input")


def test_small_network_keeps_activation_scale(submission, device):
    model = _build(submission, device, 32, 256, 3, 4, seed=1)
    ratios = _linear_mean_squares(model, torch.randn(128, 32, device=device))
    assert all(LOW <= r <= HIGH for r in ratios), (
        f"DeepMLP(32, 256, depth=3, 4) at init: mean square of each Linear output, relative to "
        f"the input's, is {_fmt(ratios)}; each must be within [1/16, 16]. A factor of ~128 per "
        "layer means Var(w) * fan_in / 2 is ~128 instead of ~1"
    )


def test_deep_network_keeps_activation_scale(submission, device):
    for seed in (2, 3):
        model = _build(submission, device, 32, 256, 16, 4, seed=seed)
        ratios = _linear_mean_squares(model, torch.randn(128, 32, device=device))
        bad = [i for i, r in enumerate(ratios) if not (LOW <= r <= HIGH) or math.isnan(r)]
        assert not bad, (
            f"DeepMLP(32, 256, depth=16, 4) at init (seed {seed}): mean square of each Linear "
            f"output relative to the input's is {_fmt(ratios)}; layer {bad[0]} is outside "
            "[1/16, 16]. Growing values explode, shrinking ones vanish over 16 ReLU layers"
        )


def test_gradients_finite_and_moderate(submission, device):
    model = _build(submission, device, 32, 256, 16, 4, seed=4)
    x = torch.randn(128, 32, device=device)
    y = torch.randn(128, 4, device=device)
    model.zero_grad()
    ((model(x) - y) ** 2).mean().backward()
    norms = [m.weight.grad.norm().item() for m in model.modules() if isinstance(m, nn.Linear)]
    total = math.sqrt(sum(n * n for n in norms))
    assert all(math.isfinite(n) for n in norms) and total < 1e4, (
        f"at init the gradient norms of the 17 weight matrices are {_fmt(norms)} (total "
        f"{total:.3g}) for an MSE loss against unit-variance targets; they must be finite and "
        "the total below 1e4"
    )
    assert total > 1e-3, f"the total gradient norm at init is {total:.3g}: the signal vanished"


def test_training_reduces_the_loss(submission, device):
    model = _build(submission, device, 8, 64, 8, 1, seed=5)
    torch.manual_seed(6)
    x = torch.randn(128, 8)
    y = torch.sin(x @ torch.randn(8, 1))
    x, y = x.to(device), y.to(device)
    losses = submission.train(model, x, y, 60, 0.03)
    assert_equal(len(losses), 60, name="len(train(..., steps=60, ...))")
    baseline = y.pow(2).mean().item()
    assert all(math.isfinite(v) for v in losses), (
        f"training produced non-finite losses: first values {_fmt(losses[:4])}"
    )
    assert losses[-1] < 0.8 * baseline, (
        f"after 60 steps of gradient descent (lr 0.03) on DeepMLP(8, 64, depth=8, 1) the loss is "
        f"{losses[-1]:.3g} (step 0: {losses[0]:.3g}); predicting 0 already scores {baseline:.3g}, "
        f"and a well-initialised network gets below {0.8 * baseline:.3g}"
    )
