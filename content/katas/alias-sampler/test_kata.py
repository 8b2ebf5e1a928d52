"""Hidden tests for the alias-sampler kata.

Distribution checks draw many samples with a seeded rng and allow 5 standard deviations per
index, so a correct sampler fails with probability well below one in a million per check.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math
import random

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_equal


def _draw(sampler, n_draws, seed, size):
    rng = random.Random(seed)
    counts = [0] * size
    for _ in range(n_draws):
        i = sampler.sample(rng)
        assert isinstance(i, int) and not isinstance(i, bool), (
            f"sample must return a Python int, got {type(i).__name__} {i!r}"
        )
        assert 0 <= i < size, f"sample returned {i}, outside range({size})"
        counts[i] += 1
    return counts


def _check_frequencies(submission, weights, n_draws=20_000, seed=0):
    sampler = submission.AliasSampler(weights)
    counts = _draw(sampler, n_draws, seed, len(weights))
    total = math.fsum(weights)
    for i, w in enumerate(weights):
        p = w / total
        if p == 0:
            assert counts[i] == 0, (
                f"weights={weights}: index {i} has weight 0 but was drawn {counts[i]} times "
                f"in {n_draws} draws"
            )
            continue
        freq = counts[i] / n_draws
        tol = 5 * math.sqrt(p * (1 - p) / n_draws) + 1e-12
        assert abs(freq - p) <= tol, (
            f"weights={weights}: index {i} should come out with probability {p:.4f}, "
            f"but {counts[i]} of {n_draws} seeded draws is {freq:.4f} (allowed +-{tol:.4f}); "
            f"all counts: {counts}"
        )
    return counts


def test_tiny_example_by_hand(submission):
    _check_frequencies(submission, [1, 3])


def test_zero_weights_never_drawn(submission):
    _check_frequencies(submission, [0, 2, 0, 1, 0])
    _check_frequencies(submission, [0.0, 0.0, 7.0], n_draws=2_000, seed=1)


def test_single_item(submission):
    sampler = submission.AliasSampler([5])
    assert_equal(
        _draw(sampler, 200, 2, 1),
        [200],
        name="counts for weights [5]",
        context="a single positive weight is drawn every time",
    )


def test_unnormalised_float_weights(submission):
    _check_frequencies(submission, [0.1, 0.25, 0.05, 0.6], seed=3)
    _check_frequencies(submission, [10.0, 20.0, 30.0, 40.0], seed=4)


def test_skewed_weights(submission):
    _check_frequencies(submission, [1000, 1, 1, 1, 1, 1, 1, 1], seed=5)
    _check_frequencies(submission, [1, 1, 1, 1, 1, 1, 1, 1000], seed=6)


def test_chi_square_many_items(submission):
    rng = random.Random(8)
    weights = [rng.randint(0, 9) for _ in range(20)] + [4]
    sampler = submission.AliasSampler(weights)
    n_draws = 40_000
    counts = _draw(sampler, n_draws, 9, len(weights))
    total = sum(weights)
    stat = sum(
        (counts[i] - n_draws * w / total) ** 2 / (n_draws * w / total)
        for i, w in enumerate(weights)
        if w > 0
    )
    dof = sum(1 for w in weights if w > 0) - 1
    assert stat < 2.5 * dof + 30, (
        f"chi-square statistic {stat:.1f} with {dof} degrees of freedom is far too large: the "
        f"draws do not follow weights={weights}; counts {counts}"
    )
    assert all(c == 0 for c, w in zip(counts, weights, strict=True) if w == 0), (
        f"zero-weight indices were drawn: counts {counts} for weights {weights}"
    )


def test_uses_only_the_given_rng(submission):
    sampler = submission.AliasSampler([3, 1, 4, 1, 5])
    random.seed(1)
    first = _sequence(sampler, 42)
    random.seed(2)
    second = _sequence(sampler, 42)
    assert first == second, (
        "the same seeded rng gave different draws after changing the global random seed: "
        "sample must use only the rng it is given"
    )


def _sequence(sampler, seed):
    rng = random.Random(seed)
    return [sampler.sample(rng) for _ in range(50)]


@pytest.mark.parametrize(
    "weights",
    [[], [3, -1, 2], [2, float("nan")], [float("inf"), 1], [0, 0, 0]],
    ids=["empty", "negative", "nan", "inf", "all-zero"],
)
def test_invalid_weights_raise(submission, weights):
    try:
        submission.AliasSampler(weights)
    except ValueError:
        return
    except Exception as exc:  # noqa: BLE001 - reported to the user
        raise AssertionError(
            f"AliasSampler({weights}) raised {type(exc).__name__}: {exc}; expected ValueError"
        ) from None
    raise AssertionError(f"AliasSampler({weights}) must raise ValueError")


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
@given(weights=st.lists(st.integers(0, 6), min_size=1, max_size=6).filter(any))
def test_matches_weights_on_random_inputs(submission, weights):
    _check_frequencies(submission, weights, n_draws=3_000, seed=sum(weights))
