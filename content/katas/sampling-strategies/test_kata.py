"""Hidden tests for the sampling-strategies kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import torch
from hypothesis import assume, given
from hypothesis import strategies as st

from desktop.katas.checks import assert_close, assert_equal, assert_on_device

INF = float("inf")


def _loop_top_k(row, k):
    kth = sorted(row, reverse=True)[min(k, len(row)) - 1]
    return [x if x >= kth else -INF for x in row]


def _softmax(row):
    top = max(row)
    z = [math.exp(x - top) for x in row]
    return [w / sum(z) for w in z]


def _loop_top_p(row, p):
    probs = _softmax(row)
    kept, mass = set(), 0.0
    for i in sorted(range(len(row)), key=lambda j: -probs[j]):
        if mass >= p:
            break
        kept.add(i)
        mass += probs[i]
    return [x if i in kept else -INF for i, x in enumerate(row)]


def _t(rows, device):
    return torch.tensor(rows, dtype=torch.float32, device=device)


def _fmt(row):
    return "[" + ", ".join(f"{x:.4g}" for x in row.tolist()) + "]"


def _assert_filtered(out, expected, name, context):
    """Compare filtered logits: first which entries were removed (-inf), then the kept values.

    (A plain tolerance check cannot catch a finite value where -inf is expected: inf * rtol is inf.)
    """
    if isinstance(out, torch.Tensor) and out.shape == expected.shape:
        got_kept = torch.isfinite(out).cpu()
        want_kept = torch.isfinite(expected).cpu()
        for r in range(want_kept.shape[0]):
            if not torch.equal(got_kept[r], want_kept[r]):
                got_idx = got_kept[r].nonzero().flatten().tolist()
                want_idx = want_kept[r].nonzero().flatten().tolist()
                raise AssertionError(
                    f"{name}: row {r} keeps indices {got_idx}, expected {want_idx} (all others -inf)\n"
                    f"  expected {_fmt(expected[r])}\n  got      {_fmt(out[r])}\n{context}")
    assert_close(out, expected, name=name, context=context)  # type, shape, dtype, device, kept values


def test_greedy(submission, device):
    out = submission.greedy(_t([[1.0, 3.0, 2.0], [5.0, 0.0, -1.0]], device))
    assert_on_device(out, device)
    assert_close(out, torch.tensor([1, 0], device=device), name="greedy",
                 context="logits [[1, 3, 2], [5, 0, -1]]: argmax per row")


def test_top_k_by_hand(submission, device):
    logits = _t([[1.0, 3.0, 2.0, 0.0]], device)
    out = submission.top_k_filter(logits, 2)
    assert_on_device(out, device)
    _assert_filtered(out, _t([[-INF, 3.0, 2.0, -INF]], device), name="top_k_filter(k=2)",
                     context="logits [[1, 3, 2, 0]]: keep the two largest (3 and 2), the others become -inf")
    _assert_filtered(submission.top_k_filter(logits, 1), _t([[-INF, 3.0, -INF, -INF]], device),
                     name="top_k_filter(k=1)", context="logits [[1, 3, 2, 0]], k=1")
    _assert_filtered(submission.top_k_filter(logits, 10), logits, name="top_k_filter(k=10)",
                     context="k >= V: nothing is removed")


def test_top_k_keeps_ties_at_the_boundary(submission, device):
    out = submission.top_k_filter(_t([[3.0, 1.0, 1.0, 0.0]], device), 2)
    _assert_filtered(out, _t([[3.0, 1.0, 1.0, -INF]], device), name="top_k_filter(k=2)",
                     context="logits [[3, 1, 1, 0]]: the 2nd largest value is 1; every entry >= 1 is kept")


def test_top_p_by_hand(submission, device):
    logits = _t([[math.log(0.2), math.log(0.5), math.log(0.3)]], device)
    cases = [(0.7, [-INF, math.log(0.5), math.log(0.3)]),
             (0.45, [-INF, math.log(0.5), -INF]),
             (0.85, [math.log(0.2), math.log(0.5), math.log(0.3)]),
             (1.0, [math.log(0.2), math.log(0.5), math.log(0.3)])]
    for p, expected in cases:
        out = submission.top_p_filter(logits, p)
        assert_on_device(out, device)
        _assert_filtered(out, _t([expected], device), name=f"top_p_filter(p={p})",
                         context="probabilities [0.2, 0.5, 0.3]: sorted [0.5, 0.3, 0.2], "
                         "mass before each [0, 0.5, 0.8]; "
                     "keep the smallest prefix whose mass reaches p (the token that crosses p is kept), in the "
                     "original vocabulary order")


def test_top_p_on_filtered_logits(submission, device):
    logits = _t([[2.0, 1.0, 0.5, -1.0, 0.0]], device)
    out = submission.top_p_filter(submission.top_k_filter(logits, 3), 0.95)
    expected = _loop_top_p(_loop_top_k(logits[0].tolist(), 3), 0.95)
    _assert_filtered(out, _t([expected], device), name="top_p_filter(top_k_filter(logits, 3), 0.95)",
                     context="logits [[2, 1, 0.5, -1, 0]]: entries already -inf have probability 0 and stay -inf")


def test_filters_do_not_modify_input(submission, device):
    logits = _t([[0.5, 2.0, -1.0, 1.0]], device)
    saved = logits.clone()
    submission.top_k_filter(logits, 2)
    submission.top_p_filter(logits, 0.5)
    assert_close(logits, saved, name="logits after filtering",
                 context="top_k_filter and top_p_filter must return a new tensor and leave the input unchanged")


def test_top_k_property(submission, device):
    @given(rows=st.lists(st.lists(st.integers(-5, 5), min_size=4, max_size=4), min_size=1, max_size=3),
           k=st.integers(1, 5))
    def check(rows, k):
        rows = [[float(x) for x in row] for row in rows]
        out = submission.top_k_filter(_t(rows, device), k)
        expected = [_loop_top_k(row, k) for row in rows]
        _assert_filtered(out, _t(expected, device), name="top_k_filter", context=f"logits={rows}, k={k}")

    check()


def test_top_p_property(submission, device):
    @given(data=st.data(), v=st.integers(1, 7), b=st.integers(1, 3), p=st.floats(0.01, 1.0))
    def check(data, v, b, p):
        rows = [[x / 2 for x in data.draw(st.lists(st.integers(-8, 8), min_size=v, max_size=v, unique=True))]
                for _ in range(b)]
        for row in rows:  # keep clear of sums that land (almost) exactly on p
            probs = sorted(_softmax(row), reverse=True)
            assume(all(abs(sum(probs[:j]) - p) > 1e-5 for j in range(1, v)))
        out = submission.top_p_filter(_t(rows, device), p)
        expected = [_loop_top_p(row, p) for row in rows]
        _assert_filtered(out, _t(expected, device), name="top_p_filter", context=f"logits={rows}, p={p}")

    check()


def _generator(device, seed):
    return torch.Generator(device=device).manual_seed(seed)


def test_sample_uses_multinomial_with_temperature(submission, device):
    logits = torch.randn(64, 10, generator=torch.Generator().manual_seed(0)).to(device)
    for temperature in (1.0, 0.5, 2.0):
        out = submission.sample(logits, temperature, _generator(device, 123))
        expected = torch.multinomial(torch.softmax(logits / temperature, dim=-1), 1,
                                     generator=_generator(device, 123)).squeeze(-1)
        assert_on_device(out, device)
        assert_equal(tuple(out.shape), (64,), name="sample(...).shape")
        assert_close(out, expected, name=f"sample(temperature={temperature})",
                     context="expected torch.multinomial(torch.softmax(logits / temperature, -1), 1, "
                     "generator=generator).squeeze(-1) with the same seed (64 rows, V=10)")


def test_sample_never_picks_removed_tokens(submission, device):
    logits = torch.zeros(200, 6, device=device)
    logits[:, 3:] = -INF
    out = submission.sample(logits, 1.0, _generator(device, 7))
    assert int(out.max()) < 3, f"sampled token {int(out.max())}, whose logit is -inf (only 0, 1, 2 are allowed)"
