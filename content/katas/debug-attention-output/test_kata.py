"""Hidden tests for the debug-attention-output kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import pytest
import torch
from torch import nn

from desktop.katas.checks import assert_close, assert_equal, assert_on_device


def _pair(submission, device, d_model, num_heads, seed, dtype=torch.float32):
    """The submitted module and nn.MultiheadAttention with the very same weights."""
    torch.manual_seed(seed)
    mine = submission.MultiHeadSelfAttention(d_model, num_heads)
    ref = nn.MultiheadAttention(d_model, num_heads, batch_first=True)
    with torch.no_grad():
        ref.in_proj_weight.copy_(mine.qkv.weight)
        ref.in_proj_bias.copy_(mine.qkv.bias)
        ref.out_proj.weight.copy_(mine.proj.weight)
        ref.out_proj.bias.copy_(mine.proj.bias)
    return mine.to(device, dtype), ref.to(device, dtype)


def _reference(ref, x, causal):
    T = x.shape[1]
    mask = torch.ones(T, T, dtype=torch.bool, device=x.device).triu(1) if causal else None
    with torch.no_grad():
        return ref(x, x, x, attn_mask=mask, need_weights=False)[0]


def _x(device, B, T, D, seed, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(B, T, D, generator=g, dtype=dtype).to(device)


def test_tiny_example_against_multihead_attention(submission, device):
    mine, ref = _pair(submission, device, 4, 2, seed=0)
    x = _x(device, 1, 3, 4, seed=1)
    with torch.no_grad():
        out = mine(x)
    assert_on_device(out, device)
    assert_close(
        out,
        _reference(ref, x, causal=False),
        name="output",
        context="d_model=4, num_heads=2, B=1, T=3, same weights as nn.MultiheadAttention; "
        "row t of the output must be token t's result",
    )


@pytest.mark.parametrize("num_heads", [1, 2, 4, 8])
def test_matches_multihead_attention(submission, device, num_heads):
    mine, ref = _pair(submission, device, 16, num_heads, seed=2)
    x = _x(device, 2, 5, 16, seed=3)
    with torch.no_grad():
        out = mine(x)
    assert_equal(tuple(out.shape), (2, 5, 16), name="output shape")
    assert_close(
        out,
        _reference(ref, x, causal=False),
        name=f"output with num_heads={num_heads}",
        context="B=2, T=5, d_model=16, no mask",
    )


def test_causal_matches_multihead_attention(submission, device):
    mine, ref = _pair(submission, device, 12, 3, seed=4)
    x = _x(device, 2, 6, 12, seed=5)
    with torch.no_grad():
        out = mine(x, causal=True)
    assert_close(
        out,
        _reference(ref, x, causal=True),
        name="output with causal=True",
        context="B=2, T=6, d_model=12, num_heads=3, causal mask",
    )


def test_causal_output_ignores_future_tokens(submission, device):
    mine, _ = _pair(submission, device, 8, 2, seed=6)
    x = _x(device, 1, 5, 8, seed=7)
    changed = x.clone()
    changed[:, -1] += 10.0
    with torch.no_grad():
        before, after = mine(x, causal=True), mine(changed, causal=True)
    assert_close(
        after[:, :-1],
        before[:, :-1],
        name="outputs at positions 0..3",
        context="only the last token (position 4) changed; with causal=True no earlier "
        "position may see it",
    )


def test_permuting_tokens_permutes_outputs(submission, device):
    mine, _ = _pair(submission, device, 8, 4, seed=8)
    x = _x(device, 1, 4, 8, seed=9)
    perm = torch.tensor([2, 0, 3, 1], device=device)
    with torch.no_grad():
        out, out_perm = mine(x), mine(x[:, perm])
    assert_close(
        out_perm,
        out[:, perm],
        name="output for permuted tokens",
        context="without a mask, self-attention is permutation-equivariant: permuting the "
        "input tokens must permute the outputs the same way",
    )


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    mine, ref = _pair(submission, device, 8, 2, seed=10, dtype=torch.float64)
    x = _x(device, 2, 4, 8, seed=11, dtype=torch.float64)
    with torch.no_grad():
        out = mine(x, causal=True)
    assert_close(out, _reference(ref, x, causal=True), name="output (float64)")
