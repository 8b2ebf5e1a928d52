"""Hidden tests for the decoder-block kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from desktop.katas.checks import assert_close, assert_on_device


def _build(submission, device, d_model=16, n_heads=4, d_ff=32, dropout=0.0, seed=0, dtype=torch.float32):
    torch.manual_seed(seed)
    block = submission.DecoderBlock(d_model, n_heads, d_ff, dropout)
    # Non-trivial LayerNorm affine parameters and biases, so every parameter matters.
    with torch.no_grad():
        for p in block.parameters():
            if p.dim() == 1:
                p.copy_(0.5 * torch.randn_like(p) + (1.0 if p.shape == (d_model,) else 0.0))
    return block.to(device=device, dtype=dtype)


def _reference(block, x):
    """The pre-norm causal block, recomputed from the submission's own parameters."""
    b, t, d = x.shape
    attn = block.attn
    h = F.layer_norm(x, (d,), block.ln1.weight, block.ln1.bias, block.ln1.eps)
    qkv = F.linear(h, attn.in_proj_weight, attn.in_proj_bias)
    q, k, v = (z.view(b, t, attn.num_heads, d // attn.num_heads).transpose(1, 2) for z in qkv.chunk(3, dim=-1))
    causal = torch.ones(t, t, dtype=torch.bool, device=x.device).tril()
    scores = q @ k.transpose(-2, -1) / math.sqrt(d // attn.num_heads)
    heads = torch.softmax(scores.masked_fill(~causal, float("-inf")), dim=-1) @ v
    a = F.linear(heads.transpose(1, 2).reshape(b, t, d), attn.out_proj.weight, attn.out_proj.bias)
    x = x + a
    h = F.layer_norm(x, (d,), block.ln2.weight, block.ln2.bias, block.ln2.eps)
    lin1, lin2 = block.mlp[0], block.mlp[2]
    return x + F.linear(F.gelu(F.linear(h, lin1.weight, lin1.bias)), lin2.weight, lin2.bias)


def test_submodules_as_specified(submission, device):
    block = submission.DecoderBlock(8, 2, 24)
    for name in ("ln1", "ln2"):
        ln = getattr(block, name, None)
        assert isinstance(ln, nn.LayerNorm) and tuple(ln.normalized_shape) == (8,), (
            f"self.{name} must be nn.LayerNorm(d_model), got {ln!r}")
    attn = getattr(block, "attn", None)
    assert isinstance(attn, nn.MultiheadAttention), f"self.attn must be nn.MultiheadAttention, got {attn!r}"
    assert attn.embed_dim == 8 and attn.num_heads == 2, "self.attn must be nn.MultiheadAttention(d_model, n_heads, ...)"
    assert attn.batch_first, "self.attn must be created with batch_first=True (inputs are (B, T, d_model))"
    mlp = getattr(block, "mlp", None)
    ok = (
        isinstance(mlp, nn.Sequential) and len(mlp) == 3
        and isinstance(mlp[0], nn.Linear) and (mlp[0].in_features, mlp[0].out_features) == (8, 24)
        and isinstance(mlp[1], nn.GELU) and mlp[1].approximate == "none"
        and isinstance(mlp[2], nn.Linear) and (mlp[2].in_features, mlp[2].out_features) == (24, 8)
    )
    assert ok, ("self.mlp must be nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model)), "
                f"got {mlp!r}")


def test_zero_branches_give_identity(submission, device):
    block = _build(submission, device, d_model=4, n_heads=2, d_ff=8, seed=1)
    with torch.no_grad():
        for layer in (block.attn.out_proj, block.mlp[2]):
            layer.weight.zero_()
            layer.bias.zero_()
    x = torch.tensor([[[1.0, 2.0, 3.0, 4.0], [0.0, -1.0, 0.5, 2.0]]], device=device)
    with torch.no_grad():
        out = block(x)
    assert_close(out, x, name="output",
                 context="attn.out_proj and mlp[2] are all zeros, so both residual branches add 0 and the block "
                 "must return x itself (pre-norm: x + f(ln(x)); a post-norm block or a residual taken from "
                 "ln(x) changes x)")


def test_matches_reference(submission, device):
    block = _build(submission, device, seed=2)
    torch.manual_seed(20)
    x = torch.randn(2, 6, 16, device=device)
    with torch.no_grad():
        out = block(x)
        expected = _reference(block, x)
    assert_on_device(out, device)
    assert_close(out, expected, name="output",
                 context="B=2, T=6, d_model=16, n_heads=4, d_ff=32: x + attn(ln1(x)) with a causal mask, "
                 "then x + mlp(ln2(x))")


def test_single_token(submission, device):
    block = _build(submission, device, d_model=8, n_heads=2, d_ff=16, seed=3)
    torch.manual_seed(21)
    x = torch.randn(3, 1, 8, device=device)
    with torch.no_grad():
        assert_close(block(x), _reference(block, x), name="output", context="T=1 (one token per sequence)")


def test_causal_no_peeking(submission, device):
    block = _build(submission, device, seed=4)
    torch.manual_seed(22)
    x = torch.randn(1, 7, 16, device=device)
    changed = x.clone()
    changed[:, 4:] = torch.randn(1, 3, 16, device=device)
    with torch.no_grad():
        out, out_changed = block(x), block(changed)
    assert_close(out_changed[:, :4], out[:, :4], name="outputs at positions 0..3",
                 context="only positions 4..6 of the input changed; a causal block's outputs at 0..3 must not move")


def test_eval_mode_turns_dropout_off(submission, device):
    block = _build(submission, device, dropout=0.3, seed=5).eval()
    torch.manual_seed(23)
    x = torch.randn(2, 5, 16, device=device)
    with torch.no_grad():
        assert_close(block(x), _reference(block, x), name="output",
                     context="dropout=0.3 but the block is in eval() mode, so dropout must be inactive")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    block = _build(submission, device, d_model=8, n_heads=2, d_ff=16, seed=6, dtype=torch.float64)
    torch.manual_seed(24)
    x = torch.randn(2, 4, 8, device=device, dtype=torch.float64)
    with torch.no_grad():
        assert_close(block(x), _reference(block, x), name="output", context="float64 block and input")
