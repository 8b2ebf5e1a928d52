"""Hidden tests for the beam-search kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import itertools
import math

import torch
from hypothesis import given
from hypothesis import strategies as st

from desktop.katas.checks import assert_equal

BOS, EOS, A, B = 0, 1, 2, 3


def _log(p):
    return math.log(p) if p > 0 else float("-inf")


def _table_model(table):
    """Next-token log-probs that depend only on the last token: table[last] is a list of probabilities."""
    def step_fn(prefix):
        if prefix[-1] == EOS:
            raise AssertionError(f"step_fn was called on the finished hypothesis {prefix}; "
                                 "finished hypotheses are carried over unchanged")
        return [_log(p) for p in table[prefix[-1]]]
    return step_fn


EXAMPLE = {BOS: [0, 0.1, 0.5, 0.4], A: [0, 0.3, 0.4, 0.3], B: [0, 0.9, 0.05, 0.05]}


def _reference(step_fn, bos, eos, beam_width, max_len):
    """The algorithm of the prompt, written as plainly as possible."""
    beams = [([bos], 0.0)]
    for _ in range(max_len):
        candidates = []
        for tokens, score in beams:
            if tokens[-1] == eos:
                candidates.append((tokens, score))
            else:
                logp = [float(x) for x in step_fn(tokens)]
                for t in range(len(logp)):
                    candidates.append((tokens + [t], score + logp[t]))
        candidates.sort(key=lambda c: (-c[1], c[0]))
        beams = candidates[:beam_width]
        if all(tokens[-1] == eos for tokens, _ in beams):
            break
    return beams


def _check(result, expected, context):
    assert isinstance(result, list), f"beam_search must return a list, got {type(result).__name__}\n{context}"
    got = [(list(map(int, tokens)), float(score)) for tokens, score in result]
    got_tokens = [tokens for tokens, _ in got]
    want_tokens = [tokens for tokens, _ in expected]
    assert_equal(got_tokens, want_tokens, name="hypotheses (token lists, best first)", context=context)
    for (tokens, score), (_, want) in zip(got, expected, strict=True):
        same = (score == want) or (math.isfinite(want) and abs(score - want) <= 1e-9 * max(1.0, abs(want)))
        assert same, f"score of {tokens}: expected {want!r}, got {score!r}\n{context}"


def test_tiny_example_by_hand(submission, device):
    result = submission.beam_search(_table_model(EXAMPLE), BOS, EOS, beam_width=2, max_len=3)
    expected = [([0, 3, 1], math.log(0.4) + math.log(0.9)),
                ([0, 2, 2, 2], math.log(0.5) + math.log(0.4) + math.log(0.4))]
    _check(result, expected, "the prompt's example: bos=0, eos=1, A=2, B=3, beam_width=2, max_len=3; "
           "[bos, B, eos] (0.36) finishes in round 2 and is carried over, [bos, A, A, A] (0.08) hits max_len")


def test_beam_finds_what_greedy_misses(submission, device):
    result = submission.beam_search(_table_model(EXAMPLE), BOS, EOS, beam_width=2, max_len=2)
    expected = [([0, 3, 1], math.log(0.4) + math.log(0.9)), ([0, 2, 2], math.log(0.5) + math.log(0.4))]
    _check(result, expected, "the prompt's example with max_len=2")


def test_beam_width_one_is_greedy(submission, device):
    result = submission.beam_search(_table_model(EXAMPLE), BOS, EOS, beam_width=1, max_len=3)
    _check(result, [([0, 2, 2, 2], math.log(0.5) + 2 * math.log(0.4))],
           "beam_width=1 on the prompt's example: greedy A, A, A")


def test_max_len_zero(submission, device):
    result = submission.beam_search(_table_model(EXAMPLE), BOS, EOS, beam_width=3, max_len=0)
    _check(result, [([0], 0.0)], "max_len=0: nothing is generated")


def test_stops_when_all_finished(submission, device):
    table = {BOS: [0, 0.7, 0.2, 0.1], A: [0, 1.0, 0, 0], B: [0, 1.0, 0, 0]}
    result = submission.beam_search(_table_model(table), BOS, EOS, beam_width=2, max_len=10)
    expected = [([0, 1], math.log(0.7)), ([0, 2, 1], math.log(0.2))]
    _check(result, expected, "eos is likely: after round 2 both kept hypotheses are finished, "
           "so the search stops (and finished hypotheses are never extended)")


def test_accepts_tensor_log_probs(submission, device):
    def step_fn(prefix):
        assert prefix[-1] != EOS, f"step_fn was called on the finished hypothesis {prefix}"
        return torch.log(torch.tensor(EXAMPLE[prefix[-1]], dtype=torch.float64))

    result = submission.beam_search(step_fn, BOS, EOS, beam_width=2, max_len=3)
    expected = _reference(step_fn, BOS, EOS, 2, 3)
    _check(result, expected, "step_fn returns a float64 1-D tensor instead of a list")


def test_exhaustive_beam_matches_brute_force(submission, device):
    table = {BOS: [0.05, 0.2, 0.45, 0.3], A: [0.05, 0.25, 0.3, 0.4], B: [0.05, 0.45, 0.25, 0.25]}
    step_fn = _table_model(table)
    max_len = 3
    complete = []  # every hypothesis beam search could end with: finished ones, or unfinished at max_len
    for length in range(1, max_len + 1):
        for tail in itertools.product(range(4), repeat=length):
            tokens = [BOS] + list(tail)
            if EOS in tokens[1:-1]:
                continue
            if tokens[-1] != EOS and length < max_len:
                continue
            score = 0.0
            for i in range(1, len(tokens)):
                score += float(step_fn(tokens[:i])[tokens[i]])
            complete.append((tokens, score))
    complete.sort(key=lambda c: (-c[1], c[0]))
    result = submission.beam_search(step_fn, BOS, EOS, beam_width=len(complete), max_len=max_len)
    _check(result, complete, f"beam_width={len(complete)} is large enough to keep every hypothesis, so beam "
           "search must return all of them (brute-force enumeration), best first")


def test_matches_reference_property(submission, device):
    @given(data=st.data(), vocab=st.integers(2, 4), beam_width=st.integers(1, 4), max_len=st.integers(0, 4))
    def check(data, vocab, beam_width, max_len):
        eos = 1
        rows = {}
        for last in range(vocab):
            logits = data.draw(st.lists(st.integers(-4, 4), min_size=vocab, max_size=vocab, unique=True),
                               label=f"logits after token {last}")
            norm = math.log(sum(math.exp(x) for x in logits))
            rows[last] = [x - norm for x in logits]

        def step_fn(prefix):
            assert prefix[-1] != eos, f"step_fn was called on the finished hypothesis {prefix}"
            return list(rows[prefix[-1]])

        expected = _reference(step_fn, 0, eos, beam_width, max_len)
        result = submission.beam_search(step_fn, 0, eos, beam_width, max_len)
        _check(result, expected, f"vocab={vocab}, bos=0, eos=1, beam_width={beam_width}, max_len={max_len}, "
               f"log-probs by last token={ {k: [round(x, 3) for x in v] for k, v in rows.items()} }")

    check()
