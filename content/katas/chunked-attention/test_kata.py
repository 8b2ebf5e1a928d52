"""Hidden tests for the chunked-attention kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import pytest
import torch
import torch.nn.functional as F
from torch.overrides import TorchFunctionMode
from torch.utils._pytree import tree_leaves

from desktop.katas.checks import assert_close, assert_on_device

FUSED = ("scaled_dot_product", "flash_attention", "efficient_attention", "cudnn_attention", "multi_head_attention")


class _MemoryProbe(TorchFunctionMode):
    """Sees the result of every torch function, tensor method and operator the code calls
    and remembers the largest storage among them."""

    def __init__(self):
        super().__init__()
        self.largest = 0
        self.largest_op = ""
        self.largest_shape = ()
        self.fused = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        name = getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or str(func)
        if any(word in name for word in FUSED):
            self.fused.append(name)
        for t in tree_leaves(out):
            if isinstance(t, torch.Tensor):
                size = t.untyped_storage().nbytes() // max(t.element_size(), 1)
                if size > self.largest:
                    self.largest, self.largest_op, self.largest_shape = size, name, tuple(t.shape)
        return out


def _qkv(device, batch, tq, tk, d, dv=None, seed=0, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    dv = dv or d
    q = torch.randn(*batch, tq, d, generator=gen, dtype=dtype).to(device)
    k = torch.randn(*batch, tk, d, generator=gen, dtype=dtype).to(device)
    v = torch.randn(*batch, tk, dv, generator=gen, dtype=dtype).to(device)
    return q, k, v


def _check_memory(submission, q, k, v, chunk_size, causal, what):
    *batch, tq, d = q.shape
    tk, dv = k.shape[-2], v.shape[-1]
    n = math.prod(batch)
    budget = n * max(tq * chunk_size, tq * dv, tk * d, tk * dv)
    probe = _MemoryProbe()
    with probe:
        out = submission.chunked_attention(q, k, v, chunk_size=chunk_size, causal=causal)
    if probe.fused:
        raise AssertionError(
            f"{what}: your code called a fused attention kernel ({probe.fused[0]}); "
            "compute the chunks yourself with matmuls and an online softmax")
    if probe.largest > budget:
        raise AssertionError(
        f"{what}: a tensor with {probe.largest} elements (shape {probe.largest_shape}, created by "
        f"{probe.largest_op}) exceeds the budget n * max(Tq*chunk, Tq*dv, Tk*d, Tk*dv) = {budget} "
        f"(n={n}, Tq={tq}, Tk={tk}, d={d}, dv={dv}, chunk_size={chunk_size}). "
        "Score blocks may cover all queries against one key chunk, not one query chunk against all "
        f"keys ({n * chunk_size * tk}) and never the full matrix ({n * tq * tk}); build causal masks per block.")
    return out


def test_tiny_example_by_hand(submission, device):
    q = torch.zeros(1, 1, device=device)
    k = torch.tensor([[1.0], [-1.0]], device=device)
    v = torch.tensor([[1.0], [3.0]], device=device)
    out = submission.chunked_attention(q, k, v, chunk_size=1)
    assert_close(out, torch.tensor([[2.0]], device=device), name="output",
                 context="q=[[0]] gives equal scores, so the output is the mean of v=[[1], [3]]; chunk_size=1")
    q = torch.tensor([[1.0]], device=device)
    k = torch.tensor([[0.0], [2.0]], device=device)
    out = submission.chunked_attention(q, k, v, chunk_size=1)
    w = math.exp(2) / (1 + math.exp(2))
    assert_close(out, torch.tensor([[(1 - w) * 1 + w * 3]], device=device), name="output",
                 context="q=[[1]], k=[[0], [2]], v=[[1], [3]], chunk_size=1: the second chunk raises the "
                 "running max from 0 to 2, so the sums from chunk 1 must be rescaled by exp(0 - 2)")


def test_matches_pytorch_uneven_chunks(submission, device):
    q, k, v = _qkv(device, (2, 3), 10, 37, 8, dv=5, seed=1)
    out = submission.chunked_attention(q, k, v, chunk_size=8)
    assert_on_device(out, device)
    assert_close(out, F.scaled_dot_product_attention(q, k, v), name="output",
                 context="q (2, 3, 10, 8), k (2, 3, 37, 8), v (2, 3, 37, 5), chunk_size=8 (last chunk has 5 keys)")


def test_single_chunk(submission, device):
    q, k, v = _qkv(device, (2,), 6, 9, 4, seed=2)
    assert_close(submission.chunked_attention(q, k, v, chunk_size=128), F.scaled_dot_product_attention(q, k, v),
                 name="output", context="chunk_size=128 > Tk=9: one chunk")


def test_causal(submission, device):
    q, k, v = _qkv(device, (2, 2), 37, 37, 8, seed=3)
    out = submission.chunked_attention(q, k, v, chunk_size=8, causal=True)
    assert_close(out, F.scaled_dot_product_attention(q, k, v, is_causal=True), name="output",
                 context="causal=True, T=37, chunk_size=8: query i sees keys 0..i (its own position included)")


def test_causal_first_rows(submission, device):
    q, k, v = _qkv(device, (), 4, 4, 2, seed=4)
    out = submission.chunked_attention(q, k, v, chunk_size=2, causal=True)
    assert_close(out[0], v[0], name="output row 0",
                 context="causal: query 0 sees only key 0, so its output is v[0] exactly (T=4, chunk_size=2)")
    assert_close(out, F.scaled_dot_product_attention(q, k, v, is_causal=True), name="output",
                 context="causal=True, T=4, d=2, chunk_size=2")


def test_large_scores_stay_finite(submission, device):
    q, k, v = _qkv(device, (1,), 16, 40, 16, seed=5)
    q, k = q * 20, k * 20
    out = submission.chunked_attention(q, k, v, chunk_size=8)
    assert torch.isfinite(out).all(), "output has NaN or inf for scores in the hundreds: subtract the running max"
    assert_close(out, F.scaled_dot_product_attention(q, k, v), name="output",
                 context="q and k scaled by 20 (scores of order 1000): the online softmax must stay stable")


def test_memory_keys_are_chunked(submission, device):
    q, k, v = _qkv(device, (2,), 256, 2048, 8, seed=6)
    out = _check_memory(submission, q, k, v, 64, False, "non-causal, Tq=256, Tk=2048, d=8, chunk_size=64")
    assert_close(out, F.scaled_dot_product_attention(q, k, v), name="output", context="the memory-test input")


def test_memory_causal(submission, device):
    q, k, v = _qkv(device, (), 1024, 1024, 8, seed=7)
    out = _check_memory(submission, q, k, v, 64, True, "causal, T=1024, d=8, chunk_size=64")
    assert_close(out, F.scaled_dot_product_attention(q, k, v, is_causal=True), name="output",
                 context="the causal memory-test input")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    q, k, v = _qkv(device, (2,), 7, 11, 4, seed=8, dtype=torch.float64)
    assert_close(submission.chunked_attention(q, k, v, chunk_size=3, causal=False),
                 F.scaled_dot_product_attention(q, k, v), name="output", context="float64, chunk_size=3")


def bench_case(device):
    """Bench mode's input: causal attention, (B=1, H=2, T=512, d=64), chunks of 64."""
    q, k, v = _qkv(device, (1, 2), 512, 512, 64, seed=9)
    return "chunked_attention", (q, k, v), {"chunk_size": 64, "causal": True}
