"""Hidden tests for the swiglu-ffn kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from desktop.katas.checks import assert_close, assert_on_device

SHAPES = {"w_gate": "(d_hidden, d_model)", "w_up": "(d_hidden, d_model)", "w_down": "(d_model, d_hidden)"}


def _build(submission, device, d_model, d_hidden, seed=0, dtype=torch.float32):
    torch.manual_seed(seed)
    module = submission.SwiGLU(d_model, d_hidden)
    expected_shapes = {"w_gate": (d_hidden, d_model), "w_up": (d_hidden, d_model), "w_down": (d_model, d_hidden)}
    for name, shape in expected_shapes.items():
        layer = getattr(module, name, None)
        assert isinstance(layer, nn.Linear), f"self.{name} must be an nn.Linear, got {type(layer).__name__}"
        assert layer.bias is None, f"self.{name} must be created with bias=False"
        assert tuple(layer.weight.shape) == shape, (
            f"self.{name}.weight: expected shape {shape} = {SHAPES[name]}, got {tuple(layer.weight.shape)}")
    return module.to(device=device, dtype=dtype)


def _reference(module, x):
    gate = F.linear(x, module.w_gate.weight)
    up = F.linear(x, module.w_up.weight)
    return F.linear(gate * torch.sigmoid(gate) * up, module.w_down.weight)


def _set(module, gate, up, down):
    with torch.no_grad():
        module.w_gate.weight.fill_(gate)
        module.w_up.weight.fill_(up)
        module.w_down.weight.fill_(down)


def test_submodules(submission, device):
    _build(submission, device, 6, 10)


def test_tiny_example_by_hand(submission, device):
    module = _build(submission, device, 1, 1)
    _set(module, 1.0, 1.0, 1.0)
    x = torch.tensor([[1.0], [-2.0], [0.0]], device=device)
    s1 = 1 / (1 + math.exp(-1))
    s2 = 1 / (1 + math.exp(2))
    expected = torch.tensor([[s1], [4 * s2], [0.0]], device=device)
    with torch.no_grad():
        assert_close(module(x), expected, name="output",
                     context="d_model=d_hidden=1, all weights 1, x=[[1], [-2], [0]]: silu(x) * x")
    _set(module, 2.0, 1.0, 1.0)
    with torch.no_grad():
        out = module(torch.tensor([[1.0]], device=device))
    assert_close(out, torch.tensor([[2 / (1 + math.exp(-2))]], device=device), name="output",
                 context="w_gate=2, w_up=1, w_down=1, x=[[1]]: silu(2) * 1 = 1.7616 (SiLU goes on the gate branch)")


def test_matches_reference(submission, device):
    module = _build(submission, device, 8, 20, seed=1)
    torch.manual_seed(10)
    x = torch.randn(2, 5, 8, device=device)
    with torch.no_grad():
        out = module(x)
        expected = _reference(module, x)
    assert_on_device(out, device)
    assert_close(out, expected, name="output",
                 context="x of shape (2, 5, 8), d_hidden=20: w_down(silu(w_gate(x)) * w_up(x))")


def test_any_leading_dims(submission, device):
    module = _build(submission, device, 4, 6, seed=2)
    torch.manual_seed(11)
    for shape in [(4,), (3, 4), (2, 1, 3, 4)]:
        x = torch.randn(*shape, device=device)
        with torch.no_grad():
            assert_close(module(x), _reference(module, x), name="output", context=f"x of shape {shape}")


def test_gradients_flow_to_all_weights(submission, device):
    module = _build(submission, device, 4, 6, seed=3)
    torch.manual_seed(12)
    x = torch.randn(5, 4, device=device)
    module(x).pow(2).sum().backward()
    got = [module.w_gate.weight.grad, module.w_up.weight.grad, module.w_down.weight.grad]
    params = [module.w_gate.weight.detach().clone().requires_grad_(),
              module.w_up.weight.detach().clone().requires_grad_(),
              module.w_down.weight.detach().clone().requires_grad_()]
    gate = x @ params[0].T
    (((F.silu(gate) * (x @ params[1].T)) @ params[2].T).pow(2).sum()).backward()
    for name, g, p in zip(["w_gate", "w_up", "w_down"], got, params, strict=True):
        assert g is not None, (
            f"{name}.weight.grad is None: is the output built from the module's weights with torch ops?")
        assert_close(g, p.grad, name=f"{name}.weight.grad", context="loss = output.pow(2).sum()")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    module = _build(submission, device, 6, 8, seed=4, dtype=torch.float64)
    torch.manual_seed(13)
    x = torch.randn(3, 6, device=device, dtype=torch.float64)
    with torch.no_grad():
        assert_close(module(x), _reference(module, x), name="output", context="float64 module and input")
