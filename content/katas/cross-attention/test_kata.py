"""Hidden tests for the cross-attention kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import pytest
import torch
from torch import nn

from desktop.katas.checks import assert_close, assert_on_device


def _weights(d, device, seed, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    return [(torch.randn(d, d, generator=gen) / math.sqrt(d)).to(device=device, dtype=dtype) for _ in range(4)]


def _reference(x, context, w_q, w_k, w_v, w_o, n_heads, context_mask=None):
    """nn.MultiheadAttention loaded with the same weights (nn.Linear stores W transposed)."""
    b, tq, d = x.shape
    tk = context.shape[1]
    ref = nn.MultiheadAttention(d, n_heads, bias=False, batch_first=True)
    ref = ref.to(device=x.device, dtype=x.dtype).train()  # dropout is 0: train() only skips the fast path
    with torch.no_grad():
        ref.in_proj_weight.copy_(torch.cat([w_q.T, w_k.T, w_v.T], dim=0))
        ref.out_proj.weight.copy_(w_o.T)
        blocked = None
        if context_mask is not None:
            blocked = (~context_mask)[:, None, None, :].expand(b, n_heads, tq, tk).reshape(b * n_heads, tq, tk)
        return ref(x, context, context, attn_mask=blocked, need_weights=False)[0]


def test_tiny_example_by_hand(submission, device):
    eye = torch.eye(2, device=device)
    x = torch.tensor([[[1.0, 0.0]]], device=device)
    context = torch.tensor([[[1.0, 0.0], [0.0, 1.0]]], device=device)
    a = math.e / (math.e + 1)
    out = submission.cross_attention(x, context, eye, eye, eye, eye, 2)
    assert_close(out, torch.tensor([[[a, 0.5]]], device=device), name="output",
                 context="D=2, n_heads=2, identity weights, x=[[[1, 0]]], context=[[[1, 0], [0, 1]]]")
    mask = torch.tensor([[True, False]], device=device)
    out = submission.cross_attention(x, context, eye, eye, eye, eye, 2, context_mask=mask)
    assert_close(out, torch.tensor([[[1.0, 0.0]]], device=device), name="output",
                 context="same input with context_mask=[[True, False]]: only the first context token is visible")


def test_matches_pytorch_different_lengths(submission, device):
    torch.manual_seed(0)
    x = torch.randn(2, 3, 8, device=device)
    context = torch.randn(2, 7, 8, device=device)
    w = _weights(8, device, seed=1)
    out = submission.cross_attention(x, context, *w, 2)
    assert_on_device(out, device)
    assert_close(out, _reference(x, context, *w, 2), name="output",
                 context="B=2, Tq=3, Tk=7, D=8, n_heads=2, no mask; reference nn.MultiheadAttention")


def test_context_padding_mask(submission, device):
    torch.manual_seed(2)
    x = torch.randn(3, 4, 12, device=device)
    context = torch.randn(3, 6, 12, device=device)
    w = _weights(12, device, seed=3)
    lengths = torch.tensor([6, 2, 4], device=device)
    mask = torch.arange(6, device=device)[None, :] < lengths[:, None]
    out = submission.cross_attention(x, context, *w, 3, context_mask=mask)
    assert_close(out, _reference(x, context, *w, 3, mask), name="output",
                 context="context lengths [6, 2, 4] (context_mask True = real token), D=12, n_heads=3")


def test_padded_context_values_are_ignored(submission, device):
    torch.manual_seed(4)
    x = torch.randn(2, 3, 8, device=device)
    context = torch.randn(2, 5, 8, device=device)
    w = _weights(8, device, seed=5)
    mask = torch.tensor([[True, True, True, False, False], [True, False, False, False, False]], device=device)
    noisy = context.clone()
    noisy[~mask] = 100.0 * torch.randn(int((~mask).sum()), 8, device=device)
    out = submission.cross_attention(x, context, *w, 4, context_mask=mask)
    out_noisy = submission.cross_attention(x, noisy, *w, 4, context_mask=mask)
    assert_close(out_noisy, out, name="output",
                 context="changing the padded context tokens (context_mask False) must not change the output")


def test_queries_are_independent(submission, device):
    torch.manual_seed(6)
    x = torch.randn(1, 4, 8, device=device)
    context = torch.randn(1, 5, 8, device=device)
    w = _weights(8, device, seed=7)
    full = submission.cross_attention(x, context, *w, 2)
    single = submission.cross_attention(x[:, 2:3], context, *w, 2)
    assert_close(single, full[:, 2:3], name="output for query 2",
                 context="cross-attention has no mask over queries: query 2 alone must give the same row")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    torch.manual_seed(8)
    x = torch.randn(2, 2, 6, device=device, dtype=torch.float64)
    context = torch.randn(2, 3, 6, device=device, dtype=torch.float64)
    w = _weights(6, device, seed=9, dtype=torch.float64)
    assert_close(submission.cross_attention(x, context, *w, 3), _reference(x, context, *w, 3),
                 name="output", context="float64 inputs, D=6, n_heads=3")


def bench_case(device):
    """Bench mode's input: B=2, Tq=64 queries over Tk=128 context tokens, D=128, 4 heads, padding mask."""
    gen = torch.Generator().manual_seed(10)
    x = torch.randn(2, 64, 128, generator=gen).to(device)
    context = torch.randn(2, 128, 128, generator=gen).to(device)
    w = _weights(128, device, seed=11)
    mask = torch.arange(128, device=device)[None, :] < torch.tensor([128, 100], device=device)[:, None]
    return "cross_attention", (x, context, *w, 4), {"context_mask": mask}
