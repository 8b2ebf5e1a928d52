"""Hidden tests for the rms-norm kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import pytest
import torch
import torch.nn.functional as F

from desktop.katas.checks import assert_close, assert_on_device


def _weight(d, device, seed, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    return (1 + 0.5 * torch.randn(d, generator=gen)).to(device=device, dtype=dtype)


def test_tiny_example_by_hand(submission, device):
    x = torch.tensor([[3.0, 4.0]], device=device)
    rms = math.sqrt(12.5 + 1e-6)
    out = submission.rms_norm(x, torch.ones(2, device=device))
    assert_close(out, torch.tensor([[3 / rms, 4 / rms]], device=device), name="output",
                 context="x=[[3, 4]], weight=1: mean of squares 12.5, RMS 3.5355 (no mean subtraction)")


def test_weight_scales_each_feature(submission, device):
    x = torch.tensor([[1.0, -1.0, 1.0, -1.0]], device=device)
    weight = torch.tensor([1.0, 2.0, 3.0, 4.0], device=device)
    s = 1 / math.sqrt(1 + 1e-6)
    out = submission.rms_norm(x, weight)
    assert_close(out, torch.tensor([[s, -2 * s, 3 * s, -4 * s]], device=device), name="output",
                 context="x=[[1, -1, 1, -1]] has RMS 1 (its mean is 0, so LayerNorm would agree here); "
                 "weight=[1, 2, 3, 4]")


def test_matches_pytorch_3d(submission, device):
    torch.manual_seed(0)
    x = 2 * torch.randn(2, 5, 8, device=device) + 1.5
    weight = _weight(8, device, seed=1)
    out = submission.rms_norm(x, weight)
    assert_on_device(out, device)
    assert_close(out, F.rms_norm(x, (8,), weight, 1e-6), name="output",
                 context="x of shape (2, 5, 8) with mean 1.5: statistics over the last dimension, no centring")


def test_eps_inside_the_sqrt(submission, device):
    x = torch.tensor([[1e-3, -2e-3, 1e-3, 2e-3]], device=device)
    weight = torch.ones(4, device=device)
    assert_close(submission.rms_norm(x, weight, eps=1e-5), F.rms_norm(x, (4,), weight, 1e-5),
                 name="output", context="x=[[1e-3, -2e-3, 1e-3, 2e-3]] (mean square 2.5e-6) with eps=1e-5: "
                 "divide by sqrt(mean(x^2) + eps), not sqrt(mean(x^2)) + eps")


def test_zero_input_stays_finite(submission, device):
    out = submission.rms_norm(torch.zeros(2, 3, device=device), torch.ones(3, device=device))
    assert_close(out, torch.zeros(2, 3, device=device), name="output", context="x is all zeros")


def test_gradients_match_pytorch(submission, device):
    torch.manual_seed(2)
    x = torch.randn(4, 6, device=device, requires_grad=True)
    weight = _weight(6, device, seed=3).requires_grad_(True)
    upstream = torch.randn(4, 6, device=device)
    (submission.rms_norm(x, weight) * upstream).sum().backward()
    x2, w2 = x.detach().clone().requires_grad_(True), weight.detach().clone().requires_grad_(True)
    (F.rms_norm(x2, (6,), w2, 1e-6) * upstream).sum().backward()
    for name, g, ref in [("x.grad", x.grad, x2.grad), ("weight.grad", weight.grad, w2.grad)]:
        assert g is not None, f"{name} is None: build the output with differentiable torch ops"
        assert_close(g, ref, name=name, context="gradients of sum(rms_norm(x) * upstream), x of shape (4, 6)")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    torch.manual_seed(4)
    x = torch.randn(3, 4, 5, device=device, dtype=torch.float64)
    weight = _weight(5, device, seed=5, dtype=torch.float64)
    assert_close(submission.rms_norm(x, weight, eps=1e-8), F.rms_norm(x, (5,), weight, 1e-8),
                 name="output", context="float64 input of shape (3, 4, 5), eps=1e-8")


def bench_case(device):
    """Bench mode's input: 8 x 128 tokens of width 512."""
    x = torch.randn(8, 128, 512, generator=torch.Generator().manual_seed(6)).to(device)
    return "rms_norm", (x, _weight(512, device, seed=7)), {}
