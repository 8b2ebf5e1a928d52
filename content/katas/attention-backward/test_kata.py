import math

import pytest
import torch

from desktop.katas.checks import assert_close, assert_on_device


def _reference(q, k, v, grad_out):
    """Gradients from autograd through the plain forward pass."""
    q, k, v = (t.detach().clone().requires_grad_(True) for t in (q, k, v))
    p = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1]), dim=-1)
    out = p @ v
    return torch.autograd.grad(out, (q, k, v), grad_out)


def _inputs(device, b, tq, tk, d, dv, seed=0, dtype=torch.float32, scale=1.0):
    gen = torch.Generator().manual_seed(seed)
    make = lambda *shape: torch.randn(*shape, generator=gen, dtype=torch.float64)
    q, k = make(b, tq, d) * scale, make(b, tk, d) * scale
    v, g = make(b, tk, dv), make(b, tq, dv)
    return tuple(t.to(device=device, dtype=dtype) for t in (q, k, v, g))


def _check(result, expected, device, context):
    assert isinstance(result, (tuple, list)) and len(result) == 3, (
        f"expected a tuple (grad_q, grad_k, grad_v), got {type(result).__name__}"
        + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else "")
    )
    for name, got, want in zip(("grad_q", "grad_k", "grad_v"), result, expected):
        assert_on_device(got, device, name=name)
        assert_close(got, want, name=name, context=context)


def test_worked_example_from_prompt(submission, device):
    q = torch.tensor([[[0.0], [0.0]]], device=device)
    k = torch.tensor([[[1.0], [-1.0]]], device=device)
    v = torch.tensor([[[1.0], [3.0]]], device=device)
    g = torch.tensor([[[1.0], [0.0]]], device=device)
    expected = (
        torch.tensor([[[-1.0], [0.0]]], device=device),
        torch.tensor([[[0.0], [0.0]]], device=device),
        torch.tensor([[[0.5], [0.5]]], device=device),
    )
    _check(submission.attention_backward(q, k, v, g), expected, device,
           "q = [[0], [0]], k = [[1], [-1]], v = [[1], [3]], grad_out = [[1], [0]] (d = 1)")


def test_tiny_square_case(submission, device):
    q = torch.tensor([[[1.0, 0.0], [0.0, 2.0]]], device=device)
    k = torch.tensor([[[1.0, 1.0], [-1.0, 0.5]]], device=device)
    v = torch.tensor([[[1.0, 0.0], [0.0, 1.0]]], device=device)
    g = torch.tensor([[[1.0, -1.0], [0.5, 2.0]]], device=device)
    _check(submission.attention_backward(q, k, v, g), _reference(q, k, v, g), device,
           "B = 1, T = 2, d = 2: q = [[1, 0], [0, 2]], k = [[1, 1], [-1, 0.5]], v = I, "
           "grad_out = [[1, -1], [0.5, 2]]")


def test_matches_autograd_rectangular(submission, device):
    q, k, v, g = _inputs(device, b=2, tq=5, tk=7, d=8, dv=3, seed=1)
    _check(submission.attention_backward(q, k, v, g), _reference(q, k, v, g), device,
           "q (2, 5, 8), k (2, 7, 8), v (2, 7, 3), grad_out (2, 5, 3)")


def test_matches_autograd_square_wide_head(submission, device):
    # d = 16: the 1/sqrt(d) = 0.25 factor in grad_q and grad_k cannot hide.
    q, k, v, g = _inputs(device, b=3, tq=6, tk=6, d=16, dv=16, seed=2)
    _check(submission.attention_backward(q, k, v, g), _reference(q, k, v, g), device,
           "q, k, v, grad_out all (3, 6, 16)")


def test_single_key(submission, device):
    # With one key P = 1 everywhere: out = v broadcast, so grad_q = grad_k = 0.
    q, k, v, g = _inputs(device, b=2, tq=3, tk=1, d=4, dv=2, seed=3)
    _check(submission.attention_backward(q, k, v, g), _reference(q, k, v, g), device,
           "Tk = 1: the softmax is constant 1, so grad_q and grad_k must be zero "
           "and grad_v = grad_out summed over the queries")


def test_large_scores_are_stable(submission, device):
    q, k, v, g = _inputs(device, b=1, tq=4, tk=5, d=8, dv=4, seed=4, scale=20.0)
    result = submission.attention_backward(q, k, v, g)
    for name, t in zip(("grad_q", "grad_k", "grad_v"), result):
        assert torch.isfinite(t).all(), (
            f"{name} has NaN or inf for scores of size ~{float((q @ k.transpose(-2, -1)).abs().max()):.0f}; "
            "subtract the row max before exp (or use torch.softmax)"
        )
    if device == "mps":
        return
    q64, k64, v64, g64 = (t.double() for t in (q, k, v, g))
    expected = tuple(t.to(q.dtype) for t in _reference(q64, k64, v64, g64))
    for name, got, want in zip(("grad_q", "grad_k", "grad_v"), result, expected):
        assert_close(got, want, rtol=1e-3, atol=1e-3, name=name,
                     context="q and k scaled by 20 (saturated softmax), compared to float64 autograd")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    q, k, v, g = _inputs(device, b=2, tq=4, tk=3, d=5, dv=6, seed=5, dtype=torch.float64)
    _check(submission.attention_backward(q, k, v, g), _reference(q, k, v, g), device,
           "float64: q (2, 4, 5), k (2, 3, 5), v (2, 3, 6)")


def bench_case(device):
    """Bench mode's input: B=8, Tq=Tk=256, d=dv=64."""
    q, k, v, g = _inputs(device, b=8, tq=256, tk=256, d=64, dv=64, seed=10)
    return "attention_backward", (q, k, v, g), {}
