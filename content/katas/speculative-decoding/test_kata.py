"""Hidden tests for the speculative-decoding kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import itertools

import pytest
import torch

from desktop.katas.checks import assert_close, assert_equal, assert_on_device

SENTINEL = -1  # what the recording sampler returns; the test replaces it by the recorded distribution


class _Recorder:
    """A residual_sample that records every distribution it is given and returns a fixed token."""

    def __init__(self, token=SENTINEL):
        self.token = token
        self.calls = []

    def __call__(self, dist):
        self.calls.append(dist)
        return self.token


def _tensors(device, draft_tokens, draft_probs, target_probs, uniforms):
    return (torch.tensor(draft_tokens, dtype=torch.long, device=device),
            torch.tensor(draft_probs, dtype=torch.float32, device=device),
            torch.tensor(target_probs, dtype=torch.float32, device=device),
            torch.tensor(uniforms, dtype=torch.float32, device=device))


def _run(submission, device, draft_tokens, draft_probs, target_probs, uniforms, token=SENTINEL):
    recorder = _Recorder(token)
    out = submission.accept_draft(*_tensors(device, draft_tokens, draft_probs, target_probs, uniforms), recorder)
    context = (f"draft_tokens={draft_tokens}, draft_probs={draft_probs}, target_probs={target_probs}, "
               f"uniforms={uniforms}")
    assert isinstance(out, list), f"accept_draft must return a list of ints, got {type(out).__name__}\n{context}"
    assert len(recorder.calls) == 1, (
        f"residual_sample must be called exactly once (on the first rejection, or for the bonus token), "
        f"it was called {len(recorder.calls)} times\n{context}")
    return [int(t) for t in out], recorder.calls[0], context


EX_DRAFT = [[0.5, 0.3, 0.2], [0.2, 0.6, 0.2]]
EX_TARGET = [[0.25, 0.5, 0.25], [0.4, 0.3, 0.3], [0.1, 0.1, 0.8]]


def test_reject_second_token_by_hand(submission, device):
    out, dist, context = _run(submission, device, [0, 1], EX_DRAFT, EX_TARGET, [0.3, 0.7], token=2)
    assert_equal(out, [0, 2], name="accepted tokens + corrective token",
                 context="token 0: 0.3 < 0.25/0.5 accepted; token 1: 0.7 >= 0.3/0.6 rejected, then the "
                 "sampler's token 2\n" + context)
    assert_on_device(dist, device, name="distribution passed to residual_sample")
    assert_close(dist, torch.tensor([2 / 3, 0.0, 1 / 3], device=device), name="residual distribution",
                 context="max(0, p_1 - q_1) = max(0, [0.2, -0.3, 0.1]), normalised to sum to 1")


def test_all_accepted_gets_bonus_token(submission, device):
    out, dist, context = _run(submission, device, [0, 1], EX_DRAFT, EX_TARGET, [0.3, 0.4], token=2)
    assert_equal(out, [0, 1, 2], name="result", context="both drafts accepted, then a bonus token\n" + context)
    assert_close(dist, torch.tensor(EX_TARGET[2], device=device), name="bonus distribution",
                 context="when all K drafts are accepted, the bonus token is sampled from target_probs[K]")


def test_first_token_rejected(submission, device):
    out, dist, context = _run(submission, device, [0, 1], EX_DRAFT, EX_TARGET, [0.9, 0.0], token=1)
    assert_equal(out, [1], name="result",
                 context="token 0 rejected (0.9 >= 0.5): stop after the corrective token\n" + context)
    assert_close(dist, torch.tensor([0.0, 0.8, 0.2], device=device), name="residual distribution",
                 context="max(0, [0.25 - 0.5, 0.5 - 0.3, 0.25 - 0.2]) = [0, 0.2, 0.05], normalised")


def test_more_likely_under_target_is_always_accepted(submission, device):
    out, _, context = _run(submission, device, [1, 0], EX_DRAFT, EX_TARGET, [0.99, 0.99], token=0)
    assert_equal(out, [1, 0, 0], name="result",
                 context="p(x) >= q(x) for both drafts (0.5 >= 0.3, 0.4 >= 0.2), so they are accepted for any u < 1\n"
                 + context)


def test_acceptance_uses_the_ratio(submission, device):
    # p/q = 0.25/0.5 = 0.5 for token 0: accepted for u = 0.45, rejected for u = 0.55
    out, _, context = _run(submission, device, [0], [EX_DRAFT[0]], EX_TARGET[:2], [0.45], token=2)
    assert_equal(out, [0, 2], name="result", context="u = 0.45 < p/q = 0.5: accept (then a bonus token)\n" + context)
    out, _, context = _run(submission, device, [0], [EX_DRAFT[0]], EX_TARGET[:2], [0.55], token=2)
    assert_equal(out, [2], name="result", context="u = 0.55 >= p/q = 0.5: reject\n" + context)


# Probabilities chosen so that every ratio p/q below 1 is a multiple of 1/10: a grid of 10 midpoint
# uniforms per position then reproduces the acceptance probabilities exactly.
Q = [[0.5, 0.25, 0.25], [0.25, 0.5, 0.25]]
P = [[0.2, 0.3, 0.5], [0.5, 0.1, 0.4], [0.3, 0.3, 0.4]]
GRID = [(j + 0.5) / 10 for j in range(10)]


def test_output_distribution_equals_target(submission, device):
    k, v = 2, 3
    dist_out = {}  # output sequence -> probability
    for drafts in itertools.product(range(v), repeat=k):
        p_draft = Q[0][drafts[0]] * Q[1][drafts[1]]
        for us in itertools.product(GRID, repeat=k):
            weight = p_draft / len(GRID) ** k
            out, dist, context = _run(submission, device, list(drafts), Q, P, list(us))
            assert out and out[-1] == SENTINEL, (
                f"the last token must be the one residual_sample returned (here {SENTINEL}), got {out}\n{context}")
            assert 1 <= len(out) <= k + 1, f"the result must have 1 .. K+1 tokens, got {out}\n{context}"
            for t, pt in enumerate(dist.detach().cpu().double().tolist()):
                if pt > 0:
                    seq = tuple(out[:-1]) + (t,)
                    dist_out[seq] = dist_out.get(seq, 0.0) + weight * pt
    total = sum(dist_out.values())
    assert abs(total - 1) < 1e-5, f"output probabilities sum to {total}, not 1"
    # Each emitted token, given the tokens before it (and that it is emitted), must follow the target.
    for prefix_len in range(k + 1):
        prefixes = {seq[:prefix_len] for seq in dist_out if len(seq) > prefix_len}
        for prefix in sorted(prefixes):
            reach = sum(pr for seq, pr in dist_out.items() if len(seq) > prefix_len and seq[:prefix_len] == prefix)
            got = [sum(pr for seq, pr in dist_out.items() if seq[: prefix_len + 1] == prefix + (t,)) / reach
                   for t in range(v)]
            assert_close(torch.tensor(got), torch.tensor(P[prefix_len]), atol=1e-5,
                         name=f"distribution of output token {prefix_len} after {list(prefix)}",
                         context=f"exact enumeration over draft tokens (q = {Q}) and a grid of uniforms; "
                         f"speculative sampling must reproduce the target p = {P}")
    accept_first = sum(pr for seq, pr in dist_out.items() if len(seq) >= 2)
    assert abs(accept_first - 0.7) < 1e-5, (
        f"P(first draft accepted) = {accept_first:.4f}, expected sum_x min(p_0(x), q_0(x)) = 0.2 + 0.25 + 0.25 = 0.7")


def test_float64_inputs(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    recorder = _Recorder(0)
    tokens, q, p, u = _tensors(device, [0, 1], EX_DRAFT, EX_TARGET, [0.3, 0.7])
    out = submission.accept_draft(tokens, q.double(), p.double(), u.double(), recorder)
    assert_equal([int(t) for t in out], [0, 0], name="result", context="float64 probabilities")
    assert_close(recorder.calls[0], torch.tensor([2 / 3, 0.0, 1 / 3], dtype=torch.float64, device=device),
                 name="residual distribution", context="float64 probabilities: keep the dtype")
