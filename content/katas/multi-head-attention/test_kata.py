"""Hidden tests for the multi-head-attention kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import pytest
import torch
from torch import nn

from desktop.katas.checks import assert_close, assert_on_device


def _build(submission, device, d_model, n_heads, seed=0, dtype=torch.float32):
    torch.manual_seed(seed)
    module = submission.MultiHeadAttention(d_model, n_heads)
    for name in ("w_q", "w_k", "w_v", "w_o"):
        layer = getattr(module, name, None)
        assert isinstance(layer, nn.Linear), f"self.{name} must be an nn.Linear, got {type(layer).__name__}"
        assert layer.bias is None, f"self.{name} must be created with bias=False"
        assert tuple(layer.weight.shape) == (d_model, d_model), (
            f"self.{name}.weight: expected shape {(d_model, d_model)}, got {tuple(layer.weight.shape)}"
        )
    with torch.no_grad():  # fresh, well-scaled weights that do not depend on the init scheme
        for name in ("w_q", "w_k", "w_v", "w_o"):
            getattr(module, name).weight.copy_(torch.randn(d_model, d_model) / math.sqrt(d_model))
    return module.to(device=device, dtype=dtype)


def _reference(module, d_model, n_heads, device, dtype=torch.float32):
    """PyTorch's nn.MultiheadAttention loaded with the submission's weights."""
    ref = nn.MultiheadAttention(d_model, n_heads, bias=False, batch_first=True)
    with torch.no_grad():
        ref.in_proj_weight.copy_(
            torch.cat([module.w_q.weight, module.w_k.weight, module.w_v.weight], dim=0).cpu()
        )
        ref.out_proj.weight.copy_(module.w_o.weight.cpu())
    # train() mode skips the fused fast path (slow to warm up); dropout is 0 so nothing is random
    return ref.to(device=device, dtype=dtype).train()


def test_creates_four_bias_free_projections(submission, device):
    _build(submission, device, 8, 2)


def test_tiny_example_by_hand(submission, device):
    module = submission.MultiHeadAttention(2, 2)
    with torch.no_grad():
        for name in ("w_q", "w_k", "w_v", "w_o"):
            getattr(module, name).weight.copy_(torch.eye(2))
    module = module.to(device)
    x = torch.tensor([[[1.0, 0.0], [0.0, 1.0]]], device=device)
    a = math.e / (math.e + 1)
    expected = torch.tensor([[[a, 0.5], [0.5, a]]], device=device)
    with torch.no_grad():
        out = module(x)
    assert_close(
        out, expected, name="output",
        context="d_model=2, n_heads=2 (head_dim=1), identity weights, x=[[[1, 0], [0, 1]]]; "
        "each head scales by 1/sqrt(head_dim) = 1",
    )


def test_matches_pytorch_without_mask(submission, device):
    d_model, n_heads = 16, 4
    module = _build(submission, device, d_model, n_heads, seed=1)
    ref = _reference(module, d_model, n_heads, device)
    torch.manual_seed(10)
    x = torch.randn(2, 5, d_model, device=device)
    with torch.no_grad():
        out = module(x)
        expected = ref(x, x, x, need_weights=False)[0]
    assert_on_device(out, device)
    assert_close(out, expected, name="output",
                 context="B=2, T=5, d_model=16, n_heads=4, no mask; reference nn.MultiheadAttention")


def test_single_head(submission, device):
    d_model = 6
    module = _build(submission, device, d_model, 1, seed=2)
    ref = _reference(module, d_model, 1, device)
    torch.manual_seed(11)
    x = torch.randn(3, 4, d_model, device=device)
    with torch.no_grad():
        assert_close(module(x), ref(x, x, x, need_weights=False)[0], name="output",
                     context="n_heads=1, d_model=6")


def test_causal_mask(submission, device):
    d_model, n_heads, t = 12, 3, 6
    module = _build(submission, device, d_model, n_heads, seed=3)
    ref = _reference(module, d_model, n_heads, device)
    torch.manual_seed(12)
    x = torch.randn(2, t, d_model, device=device)
    mask = torch.ones(t, t, dtype=torch.bool, device=device).tril()
    with torch.no_grad():
        out = module(x, mask)
        expected = ref(x, x, x, attn_mask=~mask, need_weights=False)[0]
    assert_close(out, expected, name="output",
                 context="causal mask of shape (6, 6), True on and below the diagonal")


def test_padding_mask(submission, device):
    d_model, n_heads, t = 8, 2, 5
    module = _build(submission, device, d_model, n_heads, seed=4)
    ref = _reference(module, d_model, n_heads, device)
    torch.manual_seed(13)
    x = torch.randn(3, t, d_model, device=device)
    lengths = torch.tensor([5, 3, 1], device=device)
    keep = torch.arange(t, device=device)[None, :] < lengths[:, None]  # (B, T)
    with torch.no_grad():
        out = module(x, keep[:, None, None, :])
        blocked = (~keep)[:, None, None, :].expand(3, n_heads, t, t).reshape(3 * n_heads, t, t)
        expected = ref(x, x, x, attn_mask=blocked, need_weights=False)[0]
    assert_close(out, expected, name="output",
                 context="padding mask of shape (B, 1, 1, T) with lengths [5, 3, 1]")


def test_per_head_mask(submission, device):
    d_model, n_heads, t, b = 8, 4, 5, 2
    module = _build(submission, device, d_model, n_heads, seed=5)
    ref = _reference(module, d_model, n_heads, device)
    gen = torch.Generator().manual_seed(14)
    mask = torch.rand(1, n_heads, t, t, generator=gen) < 0.5
    mask |= torch.eye(t, dtype=torch.bool)  # every query sees at least itself
    mask = mask.to(device)
    torch.manual_seed(15)
    x = torch.randn(b, t, d_model, device=device)
    attn_mask = (~mask).expand(b, n_heads, t, t).reshape(b * n_heads, t, t)
    with torch.no_grad():
        out = module(x, mask)
        expected = ref(x, x, x, attn_mask=attn_mask, need_weights=False)[0]
    assert_close(out, expected, name="output",
                 context="a different random mask per head, shape (1, n_heads, T, T): "
                 "head h must use mask[:, h]")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    d_model, n_heads = 8, 2
    module = _build(submission, device, d_model, n_heads, seed=6, dtype=torch.float64)
    ref = _reference(module, d_model, n_heads, device, dtype=torch.float64)
    torch.manual_seed(16)
    x = torch.randn(2, 3, d_model, device=device, dtype=torch.float64)
    with torch.no_grad():
        assert_close(module(x), ref(x, x, x, need_weights=False)[0], name="output",
                     context="float64 module and input")
