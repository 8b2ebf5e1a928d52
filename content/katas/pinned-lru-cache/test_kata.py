"""Hidden tests for the pinned-lru-cache kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import random

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_equal

MISSING = "<missing>"


class Model:
    """A plain list of [key, value, pinned], least recently used first."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.entries = []

    def _index(self, key):
        return next((i for i, entry in enumerate(self.entries) if entry[0] == key), None)

    def get(self, key, default=None):
        i = self._index(key)
        if i is None:
            return default
        entry = self.entries.pop(i)
        self.entries.append(entry)
        return entry[1]

    def put(self, key, value, pinned=False):
        i = self._index(key)
        if i is not None:
            self.entries.pop(i)
        elif len(self.entries) >= self.capacity:
            victim = next((j for j, entry in enumerate(self.entries) if not entry[2]), None)
            if victim is None:
                return False
            self.entries.pop(victim)
        self.entries.append([key, value, pinned])
        return True

    def unpin(self, key):
        i = self._index(key)
        if i is None:
            raise KeyError(key)
        entry = self.entries.pop(i)
        entry[2] = False
        self.entries.append(entry)

    def keys(self):
        return sorted(entry[0] for entry in self.entries)


def _call(obj, op):
    kind, *args = op
    if kind == "get":
        return obj.get(args[0], MISSING)
    if kind == "put":
        return obj.put(args[0], args[1], pinned=args[2])
    if kind == "unpin":
        try:
            obj.unpin(args[0])
            return "returns normally"
        except KeyError:
            return "raises KeyError"
    raise AssertionError(kind)


def _describe(op):
    kind, *args = op
    if kind == "put":
        return f"put({args[0]!r}, {args[1]!r}" + (", pinned=True)" if args[2] else ")")
    if kind == "get":
        return f"get({args[0]!r})"
    return f"unpin({args[0]!r})"


def _replay(submission, capacity, ops, universe):
    cache, model = submission.PinnedLRUCache(capacity), Model(capacity)
    done = []
    for op in ops:
        done.append(_describe(op))
        context = f"PinnedLRUCache({capacity}), then: " + "; ".join(done)
        got, want = _call(cache, op), _call(model, op)
        assert_equal(got, want, name=done[-1], context=context)
        present = sorted(key for key in universe if key in cache)
        assert_equal(present, model.keys(), name="keys in the cache afterwards", context=context)
        assert_equal(len(cache), len(model.entries), name="len(cache) afterwards", context=context)


def test_tiny_example_by_hand(submission):
    ops = [
        ("put", "a", 1, True),
        ("put", "b", 2, False),
        ("put", "c", 3, False),
        ("put", "d", 4, True),
        ("put", "e", 5, False),
        ("unpin", "a"),
        ("put", "e", 5, False),
        ("get", "d"),
        ("get", "a"),
    ]
    _replay(submission, 2, ops, "abcde")


def test_pinned_entry_survives_eviction(submission):
    ops = [
        ("put", 1, "one", True),
        ("put", 2, "two", False),
        ("put", 3, "three", False),
        ("put", 4, "four", False),
        ("get", 1),
        ("put", 5, "five", False),
        ("get", 1),
    ]
    _replay(submission, 3, ops, range(1, 6))


def test_all_pinned_refuses_new_key(submission):
    ops = [
        ("put", "x", 1, True),
        ("put", "y", 2, True),
        ("put", "z", 3, False),
        ("put", "z", 3, True),
        ("get", "z"),
        ("get", "x"),
    ]
    _replay(submission, 2, ops, "xyz")


def test_update_when_full_never_evicts(submission):
    ops = [
        ("put", "a", 1, False),
        ("put", "b", 2, False),
        ("put", "a", 10, False),
        ("get", "a"),
        ("get", "b"),
        ("put", "b", 20, True),
        ("put", "a", 11, True),
        ("put", "a", 12, False),
        ("get", "a"),
    ]
    _replay(submission, 2, ops, "abc")


def test_get_refreshes_recency(submission):
    ops = [
        ("put", "a", 1, False),
        ("put", "b", 2, False),
        ("get", "a"),
        ("put", "c", 3, False),
        ("get", "b"),
        ("get", "a"),
        ("get", "c"),
    ]
    _replay(submission, 2, ops, "abc")


def test_membership_is_not_a_use(submission):
    cache = submission.PinnedLRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert "a" in cache, "'a' in cache must be True after put('a', 1)"
    cache.put("c", 3)
    assert_equal(
        sorted(k for k in "abc" if k in cache),
        ["b", "c"],
        name="keys after put('c', 3)",
        context="PinnedLRUCache(2): put a, put b, 'a' in cache, put c; 'in' is not a use, "
        "so a is still the least recently used and is evicted",
    )


def test_update_can_unpin_and_pin(submission):
    ops = [
        ("put", "a", 1, True),
        ("put", "b", 2, True),
        ("put", "a", 1, False),
        ("put", "c", 3, False),
        ("get", "a"),
        ("put", "b", 5, False),
        ("put", "c", 6, True),
        ("put", "d", 4, False),
        ("get", "c"),
        ("get", "b"),
    ]
    _replay(submission, 2, ops, "abcd")


def test_unpin_is_a_use_and_missing_key_raises(submission):
    ops = [
        ("put", "a", 1, True),
        ("put", "b", 2, False),
        ("put", "c", 3, False),
        ("unpin", "a"),
        ("put", "d", 4, False),
        ("put", "e", 5, False),
        ("unpin", "zzz"),
    ]
    _replay(submission, 3, ops, "abcdez")


def test_capacity_zero_and_negative(submission):
    _replay(submission, 0, [("put", "a", 1, False), ("get", "a"), ("put", "a", 1, True)], "a")
    with pytest.raises(ValueError):
        submission.PinnedLRUCache(-1)


def test_many_small_random_programs(submission):
    """Seeded programs, shortest first, so the first failure reported is a short one."""
    rng = random.Random(7)
    for length in range(1, 14):
        for _ in range(30):
            capacity = rng.randint(1, 3)
            ops = []
            for _ in range(length):
                kind = rng.choice(["put", "put", "put", "get", "get", "unpin"])
                key = rng.randrange(5)
                if kind == "put":
                    ops.append(("put", key, rng.randrange(100), rng.random() < 0.3))
                else:
                    ops.append((kind, key))
            _replay(submission, capacity, ops, range(5))


def test_many_operations_stay_fast(submission):
    cache = submission.PinnedLRUCache(1_000)
    rng = random.Random(3)
    pinned = set()
    for step in range(60_000):
        key = rng.randrange(3_000)
        if cache.get(key) is None:
            assert cache.put(key, step, pinned=key < 50), (
                f"put({key}, ...) returned False at step {step}, but at most 50 of the 1,000 "
                "entries are pinned"
            )
            if key < 50:
                pinned.add(key)
    assert len(cache) <= 1_000, (
        f"len(cache) is {len(cache)} after 60,000 operations; capacity 1,000"
    )
    lost = sorted(k for k in pinned if k not in cache)
    assert not lost, f"pinned keys {lost[:5]} were evicted during 60,000 random gets and puts"


ops_strategy = st.lists(
    st.one_of(
        st.tuples(st.just("put"), st.integers(0, 4), st.integers(0, 9), st.booleans()),
        st.tuples(st.just("get"), st.integers(0, 4)),
        st.tuples(st.just("unpin"), st.integers(0, 4)),
    ),
    min_size=1,
    max_size=15,
)


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
@given(capacity=st.integers(0, 3), ops=ops_strategy)
def test_matches_model(submission, capacity, ops):
    _replay(submission, capacity, ops, range(5))
