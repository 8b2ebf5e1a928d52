"""Hidden tests for the moe-router kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import torch
from hypothesis import given
from hypothesis import strategies as st

from desktop.katas.checks import assert_close, assert_equal, assert_on_device


def _loop_reference(rows, k):
    """Plain-Python router for a list of rows of logits (no ties)."""
    n, e = len(rows), len(rows[0])
    weights, indices, counts, probs = [], [], [0] * e, [0.0] * e
    for row in rows:
        order = sorted(range(e), key=lambda j: -row[j])[:k]
        z = [math.exp(row[j] - row[order[0]]) for j in order]
        weights.append([w / sum(z) for w in z])
        indices.append(order)
        for j in order:
            counts[j] += 1
        full = [math.exp(x - max(row)) for x in row]
        for j in range(e):
            probs[j] += full[j] / sum(full) / n
    aux = e * sum(counts[j] / (n * k) * probs[j] for j in range(e))
    return weights, indices, aux


def _distinct_logits(n, e, seed, device):
    gen = torch.Generator().manual_seed(seed)
    return (torch.randn(n, e, generator=gen) * 2).to(device)


def test_tiny_example_by_hand(submission, device):
    logits = torch.tensor([[2.0, 1.0, 0.0], [0.0, 1.0, 3.0]], device=device)
    weights, indices, aux = submission.top_k_router(logits, 2)
    assert_equal(indices.tolist(), [[0, 1], [2, 1]], name="indices",
                 context="logits [[2, 1, 0], [0, 1, 3]], k=2: top-2 experts per token, best first")
    s1, s3 = 1 / (1 + math.exp(-1)), 1 / (1 + math.exp(-2))
    assert_close(weights, torch.tensor([[s1, 1 - s1], [s3, 1 - s3]], device=device), name="weights",
                 context="softmax over the two selected logits: softmax([2, 1]) and softmax([3, 1])")
    _, _, expected = _loop_reference([[2.0, 1.0, 0.0], [0.0, 1.0, 3.0]], 2)
    assert_close(aux, torch.tensor(expected, device=device), name="aux_loss",
                 context="f = [0.25, 0.5, 0.25] (slots per expert / (N*k)), P = mean full softmax "
                 "= [0.3536, 0.1795, 0.4669], aux = E * sum(f * P) = 0.8846")


def test_types_and_device(submission, device):
    logits = _distinct_logits(5, 4, seed=0, device=device)
    weights, indices, aux = submission.top_k_router(logits, 2)
    for name, value in [("weights", weights), ("indices", indices), ("aux_loss", aux)]:
        assert_on_device(value, device, name=name)
    assert indices.dtype == torch.long, f"indices must be torch.long, got {indices.dtype}"
    assert tuple(weights.shape) == (5, 2) and tuple(indices.shape) == (5, 2), (
        f"weights and indices must be (N, k) = (5, 2), got {tuple(weights.shape)} and {tuple(indices.shape)}")
    assert aux.dim() == 0, f"aux_loss must be a 0-dim tensor, got shape {tuple(aux.shape)}"


def test_matches_topk_and_renormalises(submission, device):
    logits = _distinct_logits(16, 8, seed=1, device=device)
    weights, indices, _ = submission.top_k_router(logits, 3)
    top, expected_idx = torch.topk(logits, 3, dim=-1)
    assert_close(indices, expected_idx, name="indices", context="N=16, E=8, k=3, logits without ties")
    assert_close(weights.sum(-1), torch.ones(16, device=device), name="weights.sum(-1)",
                 context="the gate weights of the k selected experts are renormalised to sum to 1")
    assert_close(weights, torch.softmax(top, dim=-1), name="weights", context="N=16, E=8, k=3")


def test_uniform_logits_give_aux_one(submission, device):
    logits = torch.zeros(6, 4, device=device)
    weights, _, aux = submission.top_k_router(logits, 2)
    assert_close(aux, torch.tensor(1.0, device=device), name="aux_loss",
                 context="all logits equal: P_e = 1/E and the f_e sum to 1, so aux = E * sum(f_e / E) = 1 "
                 "whatever the tie-breaking")
    assert_close(weights, torch.full((6, 2), 0.5, device=device), name="weights", context="all logits equal, k=2")


def test_aux_loss_k1_and_k2(submission, device):
    logits = _distinct_logits(12, 5, seed=2, device=device)
    rows = logits.cpu().tolist()
    for k in (1, 2):
        _, _, aux = submission.top_k_router(logits, k)
        _, _, expected = _loop_reference(rows, k)
        assert_close(aux, torch.tensor(expected, device=device), name=f"aux_loss (k={k})",
                     context=f"N=12, E=5, k={k}: aux = E * sum_e f_e * P_e with f_e = slots / (N * k)")


def test_gradients(submission, device):
    logits = _distinct_logits(10, 6, seed=3, device=device).requires_grad_(True)
    weights, _, aux = submission.top_k_router(logits, 2)
    upstream = torch.arange(20, dtype=torch.float32, device=device).reshape(10, 2) / 20
    ((weights * upstream).sum() + aux).backward()
    assert logits.grad is not None, "no gradient reached logits: build weights and aux_loss with torch ops"
    ref_logits = logits.detach().clone().requires_grad_(True)
    top, idx = torch.topk(ref_logits, 2, dim=-1)
    f = torch.zeros(6, device=device).index_add_(0, idx.flatten(), torch.ones(20, device=device)) / 20
    p = torch.softmax(ref_logits, dim=-1).mean(0)
    ((torch.softmax(top, -1) * upstream).sum() + 6 * (f * p).sum()).backward()
    assert_close(logits.grad, ref_logits.grad, name="logits.grad",
                 context="loss = sum(weights * upstream) + aux_loss; f_e is a count (no gradient), "
                 "P_e is differentiable")


def test_matches_loop_reference_property(submission, device):
    @given(
        n=st.integers(1, 6),
        e=st.integers(2, 6),
        data=st.data(),
    )
    def check(n, e, data):
        k = data.draw(st.integers(1, e), label="k")
        rows = [data.draw(st.lists(st.integers(-8, 8), min_size=e, max_size=e, unique=True), label=f"row {i}")
                for i in range(n)]
        rows = [[x / 2 for x in row] for row in rows]
        logits = torch.tensor(rows, dtype=torch.float32, device=device)
        weights, indices, aux = submission.top_k_router(logits, k)
        exp_w, exp_i, exp_aux = _loop_reference(rows, k)
        context = f"logits={rows}, k={k}"
        assert_equal(indices.tolist(), exp_i, name="indices", context=context)
        assert_close(weights, torch.tensor(exp_w, device=device), name="weights", context=context)
        assert_close(aux, torch.tensor(exp_aux, device=device), name="aux_loss", context=context)

    check()


def bench_case(device):
    """Bench mode's input: 4096 tokens routed to the top 2 of 64 experts."""
    return "top_k_router", (_distinct_logits(4096, 64, seed=9, device=device), 2), {}
