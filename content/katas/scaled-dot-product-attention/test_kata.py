import math

import pytest
import torch
import torch.nn.functional as F

from desktop.katas.checks import assert_close, assert_on_device


def _inputs(device, *shape_q, tk=None, dv=None, seed=0):
    torch.manual_seed(seed)
    *batch, tq, d = shape_q
    tk = tk or tq
    dv = dv or d
    q = torch.randn(*batch, tq, d).to(device)
    k = torch.randn(*batch, tk, d).to(device)
    v = torch.randn(*batch, tk, dv).to(device)
    return q, k, v


def test_tiny_example_by_hand(submission, device):
    q = torch.tensor([[1.0, 0.0], [0.0, 1.0]], device=device)
    out, weights = submission.scaled_dot_product_attention(q, q, q)
    a = math.exp(1 / math.sqrt(2)) / (math.exp(1 / math.sqrt(2)) + 1)
    expected = torch.tensor([[a, 1 - a], [1 - a, a]], device=device)
    assert_close(weights, expected, name="weights", context="q = k = v = identity(2)")
    assert_close(out, expected, name="output", context="q = k = v = identity(2)")


def test_matches_pytorch_without_mask(submission, device):
    q, k, v = _inputs(device, 2, 3, 5, 8, tk=7, dv=4)
    out, weights = submission.scaled_dot_product_attention(q, k, v)
    assert_on_device(out, device)
    assert_close(out, F.scaled_dot_product_attention(q, k, v), name="output")
    expected_w = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(8), dim=-1)
    assert_close(weights, expected_w, name="weights")


def test_weights_sum_to_one_over_keys(submission, device):
    q, k, v = _inputs(device, 4, 6, 16, tk=9)
    _, weights = submission.scaled_dot_product_attention(q, k, v)
    assert_close(weights.sum(dim=-1), torch.ones(4, 6, device=device), name="weights.sum(-1)")


def test_causal_mask(submission, device):
    q, k, v = _inputs(device, 2, 6, 8, seed=1)
    mask = torch.ones(6, 6, dtype=torch.bool, device=device).tril()
    out, weights = submission.scaled_dot_product_attention(q, k, v, mask)
    assert_close(
        weights.masked_select(~mask.expand_as(weights)),
        torch.zeros(2 * 15, device=device),
        name="weights above the diagonal",
        context="a causal mask must give future positions exactly zero weight",
    )
    assert_close(out, F.scaled_dot_product_attention(q, k, v, attn_mask=mask), name="output")


def test_padding_mask_broadcasts_over_queries(submission, device):
    q, k, v = _inputs(device, 3, 4, 8, tk=5, seed=2)
    lengths = torch.tensor([5, 3, 1], device=device)
    mask = (torch.arange(5, device=device)[None, :] < lengths[:, None])[:, None, :]
    out, weights = submission.scaled_dot_product_attention(q, k, v, mask)
    assert_close(out, F.scaled_dot_product_attention(q, k, v, attn_mask=mask), name="output")
    assert float(weights[2, :, 1:].abs().max()) == 0.0, "padded keys must get zero weight"


def test_large_scores_stay_finite(submission, device):
    q, k, v = _inputs(device, 1, 4, 64, seed=3)
    out, _ = submission.scaled_dot_product_attention(q * 30, k * 30, v)
    assert torch.isfinite(out).all(), "output has NaN or inf for large scores; is your softmax stable?"


@pytest.mark.parametrize("dtype", [torch.float64])
def test_keeps_dtype(submission, device, dtype):
    if device == "mps":
        pytest.skip("MPS has no float64")
    q, k, v = (t.to(dtype) for t in _inputs(device, 2, 3, 4))
    out, weights = submission.scaled_dot_product_attention(q, k, v)
    assert_close(out, F.scaled_dot_product_attention(q, k, v), name="output")


def bench_case(device):
    """Bench mode's input: (entry point, args, kwargs). Batch 2, 8 heads, 256 tokens, d = 64."""
    q, k, v = _inputs(device, 2, 8, 256, 64, seed=4)
    mask = torch.ones(256, 256, dtype=torch.bool, device=device).tril()
    return "scaled_dot_product_attention", (q, k, v, mask), {}
