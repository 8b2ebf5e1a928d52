"""Hidden tests for the layer-norm kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import pytest
import torch
import torch.nn.functional as F

from desktop.katas.checks import assert_close, assert_on_device


def _params(d, device, seed, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    weight = (1 + 0.5 * torch.randn(d, generator=gen)).to(device=device, dtype=dtype)
    bias = (0.5 * torch.randn(d, generator=gen)).to(device=device, dtype=dtype)
    return weight, bias


def test_tiny_example_by_hand(submission, device):
    x = torch.tensor([[1.0, 2.0, 3.0, 4.0]], device=device)
    ones, zeros = torch.ones(4, device=device), torch.zeros(4, device=device)
    s = (1.25 + 1e-5) ** 0.5
    expected = torch.tensor([[-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s]], device=device)
    out = submission.layer_norm(x, ones, zeros)
    assert_close(out, expected, name="output",
                 context="x=[[1, 2, 3, 4]], weight=1, bias=0: mean 2.5, biased variance 1.25 (divide by d, not d-1)")


def test_weight_and_bias(submission, device):
    x = torch.tensor([[1.0, 3.0]], device=device)
    weight = torch.tensor([2.0, -1.0], device=device)
    bias = torch.tensor([0.5, 1.0], device=device)
    s = (1.0 + 1e-5) ** 0.5
    expected = torch.tensor([[-2.0 / s + 0.5, -1.0 / s + 1.0]], device=device)
    assert_close(submission.layer_norm(x, weight, bias), expected, name="output",
                 context="x=[[1, 3]] normalises to [-1, 1]; then * weight [2, -1] + bias [0.5, 1]")


def test_matches_pytorch_3d(submission, device):
    torch.manual_seed(0)
    x = 3 * torch.randn(2, 5, 8, device=device) + 1
    weight, bias = _params(8, device, seed=1)
    out = submission.layer_norm(x, weight, bias)
    assert_on_device(out, device)
    assert_close(out, F.layer_norm(x, (8,), weight, bias, 1e-5), name="output",
                 context="x of shape (2, 5, 8): statistics over the last dimension only")


def test_eps_goes_inside_the_sqrt(submission, device):
    x = torch.tensor([[0.0, 0.001, 0.002, 0.003]], device=device)
    ones, zeros = torch.ones(4, device=device), torch.zeros(4, device=device)
    assert_close(submission.layer_norm(x, ones, zeros), F.layer_norm(x, (4,), ones, zeros, 1e-5),
                 name="output", context="x=[[0, 0.001, 0.002, 0.003]] has variance 1.25e-6, comparable to eps=1e-5: "
                 "divide by sqrt(var + eps), not sqrt(var) + eps")
    x = torch.tensor([[1.0, 2.0, 3.0]], device=device)
    ones, zeros = torch.ones(3, device=device), torch.zeros(3, device=device)
    assert_close(submission.layer_norm(x, ones, zeros, eps=1.0), F.layer_norm(x, (3,), ones, zeros, 1.0),
                 name="output", context="x=[[1, 2, 3]] with eps=1.0 (the eps argument must be used)")


def test_constant_rows_give_bias(submission, device):
    x = torch.full((3, 6), 7.0, device=device)
    weight, bias = _params(6, device, seed=2)
    out = submission.layer_norm(x, weight, bias)
    assert torch.isfinite(out).all(), "a constant row has zero variance; eps must keep the output finite"
    assert_close(out, bias.expand(3, 6), name="output", context="every row is constant (7.0): the output is the bias")


def test_gradients_match_pytorch(submission, device):
    torch.manual_seed(3)
    x = torch.randn(4, 6, device=device, requires_grad=True)
    weight, bias = _params(6, device, seed=4)
    weight.requires_grad_(True)
    bias.requires_grad_(True)
    upstream = torch.randn(4, 6, device=device)
    (submission.layer_norm(x, weight, bias) * upstream).sum().backward()
    got = [x.grad, weight.grad, bias.grad]
    x2, w2, b2 = (t.detach().clone().requires_grad_(True) for t in (x, weight, bias))
    (F.layer_norm(x2, (6,), w2, b2, 1e-5) * upstream).sum().backward()
    for name, g, ref in zip(["x.grad", "weight.grad", "bias.grad"], got, [x2.grad, w2.grad, b2.grad], strict=True):
        assert g is not None, f"{name} is None: build the output with differentiable torch ops"
        assert_close(g, ref, name=name, context="gradients of sum(layer_norm(x) * upstream), x of shape (4, 6)")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    torch.manual_seed(5)
    x = torch.randn(3, 4, 5, device=device, dtype=torch.float64)
    weight, bias = _params(5, device, seed=6, dtype=torch.float64)
    assert_close(submission.layer_norm(x, weight, bias, eps=1e-6), F.layer_norm(x, (5,), weight, bias, 1e-6),
                 name="output", context="float64 input of shape (3, 4, 5), eps=1e-6")


def bench_case(device):
    """Bench mode's input: 8 x 128 tokens of width 512."""
    x = torch.randn(8, 128, 512, generator=torch.Generator().manual_seed(7)).to(device)
    weight, bias = _params(512, device, seed=8)
    return "layer_norm", (x, weight, bias), {}
