"""Hidden tests for the weighted-reservoir-sampling kata.

Distribution checks repeat the sampling many times with one seeded rng and allow 5 standard
deviations, so a correct sampler fails with probability well below one in a million per check.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import itertools
import math
import random

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_equal


class OneShot:
    """An iterable that can be iterated only once, like a network stream."""

    def __init__(self, pairs):
        self._pairs = list(pairs)
        self._used = False

    def __iter__(self):
        if self._used:
            raise AssertionError(
                "the stream was iterated a second time; it can be read only once (no sum() or "
                "len() pass before sampling)"
            )
        self._used = True
        return iter(self._pairs)


class Item:
    """An item that cannot be hashed or ordered, like an arbitrary event object."""

    __hash__ = None

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


def _sample(submission, pairs, k, rng):
    result = submission.weighted_reservoir_sample(OneShot(pairs), k, rng)
    assert isinstance(result, list), (
        f"weighted_reservoir_sample must return a list, got {type(result).__name__}"
    )
    return result


def _inclusion_exact(weights, k):
    """P(index in sample) for successive sampling without replacement, by enumeration."""
    n = len(weights)
    probs = [0.0] * n
    for order in itertools.permutations([i for i in range(n) if weights[i] > 0], k):
        p, left = 1.0, sum(weights)
        for i in order:
            p *= weights[i] / left
            left -= weights[i]
        for i in order:
            probs[i] += p
    return probs


def _check_inclusion(submission, weights, k, trials, seed, scale=1.0):
    names = [f"x{i}" for i in range(len(weights))]
    pairs = [(name, w * scale) for name, w in zip(names, weights, strict=True)]
    rng = random.Random(seed)
    counts = dict.fromkeys(names, 0)
    for _ in range(trials):
        for item in _sample(submission, pairs, k, rng):
            counts[item] += 1
    expected = _inclusion_exact(weights, k)
    shown = [(name, w * scale) for name, w in zip(names, weights, strict=True)]
    for name, p in zip(names, expected, strict=True):
        freq = counts[name] / trials
        tol = 5 * math.sqrt(p * (1 - p) / trials) + 1e-12
        assert abs(freq - p) <= tol, (
            f"stream {shown}, k={k}: {name} should be in the sample with probability {p:.4f}, "
            f"but it was in {counts[name]} of {trials} seeded runs = {freq:.4f} "
            f"(allowed +-{tol:.4f}); counts {counts}"
        )


def test_tiny_example_by_hand(submission):
    _check_inclusion(submission, [1.0, 3.0, 0.0], k=1, trials=20_000, seed=0)


def test_k_equal_one_is_proportional(submission):
    _check_inclusion(submission, [5.0, 1.0, 2.0, 2.0], k=1, trials=20_000, seed=1)


def test_k_two_inclusion_probabilities(submission):
    _check_inclusion(submission, [1.0, 2.0, 3.0, 4.0], k=2, trials=20_000, seed=2)


def test_extreme_weight_scales(submission):
    _check_inclusion(submission, [1.0, 3.0], k=1, trials=10_000, seed=3, scale=1e-6)
    _check_inclusion(submission, [1.0, 3.0], k=1, trials=10_000, seed=4, scale=1e6)


def test_fewer_positive_entries_than_k(submission):
    pairs = [("a", 1.0), ("b", 0.0), ("c", 2.5), ("d", 0.0)]
    result = _sample(submission, pairs, 3, random.Random(5))
    assert_equal(
        sorted(result),
        ["a", "c"],
        name="sorted(sample)",
        context=f"stream {pairs}, k=3: only a and c have positive weight, so both are "
        "returned and the zero-weight entries never are",
    )


def test_k_zero_and_empty_stream(submission):
    assert_equal(_sample(submission, [("a", 1.0)], 0, random.Random(6)), [], name="k=0")
    assert_equal(_sample(submission, [], 3, random.Random(6)), [], name="empty stream")


def test_unhashable_items_and_duplicates(submission):
    a, b = Item("a"), Item("b")
    pairs = [(a, 1.0), (b, 1.0), (a, 1.0), (Item("c"), 1e-9), (Item("d"), 1e-9)]
    for seed in range(20):
        result = _sample(submission, pairs, 4, random.Random(seed))
        assert len(result) == 4, (
            f"stream of 5 positive-weight entries, k=4: expected 4 items, got {result}"
        )
        assert sum(1 for x in result if x is a) <= 2, (
            "a appears twice in the stream, at most twice in the sample"
        )


def test_long_stream_returns_k_distinct_entries(submission):
    rng = random.Random(7)
    pairs = [(i, rng.random() * (i % 3)) for i in range(60_000)]
    result = _sample(submission, pairs, 10, random.Random(8))
    assert_equal(len(result), 10, name="len(sample)", context="60,000 entries, k=10")
    assert_equal(len(set(result)), 10, name="distinct entries in the sample")
    assert all(i % 3 for i in result), f"zero-weight entries (i % 3 == 0) were sampled: {result}"


@pytest.mark.parametrize("bad", [-1.0, float("nan")], ids=["negative", "nan"])
def test_invalid_weight_raises(submission, bad):
    with pytest.raises(ValueError):
        submission.weighted_reservoir_sample(OneShot([("a", 1.0), ("b", bad)]), 1, random.Random(9))


def test_uses_only_the_given_rng(submission):
    pairs = [(i, float(i % 5)) for i in range(200)]
    random.seed(1)
    first = _sample(submission, pairs, 7, random.Random(11))
    random.seed(2)
    second = _sample(submission, pairs, 7, random.Random(11))
    assert sorted(first) == sorted(second), (
        "the same seeded rng gave different samples after changing the global random seed: "
        "use only the rng you are given"
    )


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
@given(
    weights=st.lists(st.sampled_from([0.0, 0.0, 0.5, 1.0, 2.0, 7.0]), max_size=8),
    k=st.integers(0, 6),
    seed=st.integers(0, 10),
)
def test_sample_is_a_valid_subset(submission, weights, k, seed):
    pairs = [(i, w) for i, w in enumerate(weights)]
    result = _sample(submission, pairs, k, random.Random(seed))
    positive = [i for i, w in enumerate(weights) if w > 0]
    context = f"stream {pairs}, k={k}"
    assert_equal(
        len(result),
        min(k, len(positive)),
        name="len(sample)",
        context=context + ": min(k, number of positive-weight entries)",
    )
    assert len(set(result)) == len(result), f"{context}: an entry was returned twice: {result}"
    zero = [i for i in result if weights[i] == 0]
    assert not zero, f"{context}: zero-weight entries {zero} were returned"
