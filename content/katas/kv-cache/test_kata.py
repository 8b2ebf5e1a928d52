"""Hidden tests for the kv-cache kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import pytest
import torch
import torch.nn.functional as F

from desktop.katas.checks import assert_close, assert_equal, assert_on_device


def _qkv(device, b, h, t, d, dv=None, seed=0, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    dv = dv or d
    return (torch.randn(b, h, t, d, generator=gen, dtype=dtype).to(device),
            torch.randn(b, h, t, d, generator=gen, dtype=dtype).to(device),
            torch.randn(b, h, t, dv, generator=gen, dtype=dtype).to(device))


def test_new_cache_is_empty(submission, device):
    assert_equal(len(submission.KVCache()), 0, name="len(KVCache())")


def test_append_concatenates_along_time(submission, device):
    _, k, v = _qkv(device, 2, 3, 5, 4, dv=6)
    cache = submission.KVCache()
    k_all, v_all = cache.append(k[:, :, :3], v[:, :, :3])
    assert_close(k_all, k[:, :, :3], name="k_all after the first append",
                 context="append of (2, 3, 3, 4) to an empty cache")
    k_all, v_all = cache.append(k[:, :, 3:], v[:, :, 3:])
    assert_on_device(k_all, device)
    assert_close(k_all, k, name="k_all",
                 context="appended (B=2, H=3, t=3, d=4) then (2, 3, 2, 4): keys stack along dim 2")
    assert_close(v_all, v, name="v_all", context="appended (2, 3, 3, 6) then (2, 3, 2, 6): values stack along dim 2")
    assert_equal(len(cache), 5, name="len(cache)", context="after appending 3 positions and then 2")


def test_first_step_returns_v_new(submission, device):
    q, k, v = _qkv(device, 1, 2, 1, 4, seed=1)
    cache = submission.KVCache()
    out = submission.decode_step(q, k, v, cache)
    assert_close(out, v, name="output",
                 context="first decode_step on an empty cache: after appending, the only key gets weight 1")
    assert_equal(len(cache), 1, name="len(cache)", context="after one decode_step on an empty cache")


def test_tiny_example_by_hand(submission, device):
    cache = submission.KVCache()
    cache.append(torch.zeros(1, 1, 1, 1, device=device), torch.full((1, 1, 1, 1), 2.0, device=device))
    q = torch.ones(1, 1, 1, 1, device=device)
    k_new = torch.zeros(1, 1, 1, 1, device=device)
    v_new = torch.full((1, 1, 1, 1), 4.0, device=device)
    out = submission.decode_step(q, k_new, v_new, cache)
    assert_close(out, torch.full((1, 1, 1, 1), 3.0, device=device), name="output",
                 context="cached k=[[0]], v=[[2]]; step q=[[1]], k_new=[[0]], v_new=[[4]]: both scores are 0, "
                 "so the output is the mean of 2 and 4 (the new value must be included)")
    assert_equal(len(cache), 2, name="len(cache)")


def test_incremental_decoding_matches_full_causal_attention(submission, device):
    b, h, t, d, prefill = 2, 3, 9, 8, 4
    q, k, v = _qkv(device, b, h, t, d, dv=5, seed=2)
    full = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    cache = submission.KVCache()
    cache.append(k[:, :, :prefill], v[:, :, :prefill])
    for pos in range(prefill, t):
        out = submission.decode_step(q[:, :, pos : pos + 1], k[:, :, pos : pos + 1], v[:, :, pos : pos + 1], cache)
        assert_on_device(out, device)
        assert_close(out, full[:, :, pos : pos + 1], name=f"output at position {pos}",
                     context=f"prefill of {prefill} positions, then one decode_step per position; "
                     "must equal row pos of full causal attention")
        assert_equal(len(cache), pos + 1, name="len(cache)", context=f"after decoding position {pos}")


def test_caches_are_independent(submission, device):
    _, k, v = _qkv(device, 1, 1, 3, 2, seed=3)
    first, second = submission.KVCache(), submission.KVCache()
    first.append(k, v)
    assert_equal(len(second), 0, name="len(second cache)",
                 context="appending to one KVCache must not touch another (use instance attributes set in __init__)")
    k_all, _ = second.append(k[:, :, :1], v[:, :, :1])
    assert_close(k_all, k[:, :, :1], name="second cache keys", context="a fresh cache after another cache was filled")


def test_inputs_are_not_modified(submission, device):
    q, k, v = _qkv(device, 1, 2, 4, 3, seed=4)
    saved = [t.clone() for t in (q, k, v)]
    cache = submission.KVCache()
    cache.append(k[:, :, :3], v[:, :, :3])
    submission.decode_step(q[:, :, 3:], k[:, :, 3:], v[:, :, 3:], cache)
    for name, t, s in zip("qkv", (q, k, v), saved, strict=True):
        assert_close(t, s, name=name, context="decode_step and append must not modify their inputs in place")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    q, k, v = _qkv(device, 1, 2, 3, 4, seed=5, dtype=torch.float64)
    full = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    cache = submission.KVCache()
    outs = [submission.decode_step(q[:, :, i : i + 1], k[:, :, i : i + 1], v[:, :, i : i + 1], cache) for i in range(3)]
    assert_close(torch.cat(outs, dim=2), full, name="outputs",
                 context="float64, three decode steps from an empty cache")
