"""Hidden tests for the bpe-training kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

from hypothesis import given
from hypothesis import strategies as st

from desktop.katas.checks import assert_equal

EXAMPLE = ["low lower lowest", "low"]
EXAMPLE_MERGES = [("l", "o"), ("lo", "w"), ("low", "e"), ("lowe", "r")]


def _as_merges(result):
    assert isinstance(result, list), f"train_bpe must return a list, got {type(result).__name__}"
    return [tuple(m) for m in result]


def _apply(seq, pair):
    out, i = [], 0
    while i < len(seq):
        if i + 1 < len(seq) and seq[i] == pair[0] and seq[i + 1] == pair[1]:
            out.append(seq[i] + seq[i + 1])
            i += 2
        else:
            out.append(seq[i])
            i += 1
    return out


def _reference_train(corpus, num_merges):
    """The definition, one word occurrence at a time (no frequency table)."""
    occurrences = [list(word) for line in corpus for word in line.split()]
    merges = []
    for _ in range(num_merges):
        counts = {}
        for seq in occurrences:
            for i in range(len(seq) - 1):
                counts[(seq[i], seq[i + 1])] = counts.get((seq[i], seq[i + 1]), 0) + 1
        if not counts:
            break
        top = max(counts.values())
        best = min(pair for pair, c in counts.items() if c == top)
        merges.append(best)
        occurrences = [_apply(seq, best) for seq in occurrences]
    return merges


def _reference_encode(word, merges):
    seq = list(word)
    for pair in merges:
        seq = _apply(seq, pair)
    return seq


def test_tiny_example_by_hand(submission, device):
    merges = _as_merges(submission.train_bpe(EXAMPLE, 4))
    assert_equal(merges, EXAMPLE_MERGES, name="train_bpe(corpus, 4)",
                 context=f"corpus={EXAMPLE}: counts low x2, lower, lowest; ('l','o') and ('o','w') tie at 4 and "
                 "the smaller pair ('l','o') wins; later ('lowe','r') beats ('lowe','s') and ('s','t') at 1")


def test_encode_by_hand(submission, device):
    for word, expected in [("lowest", ["lowe", "s", "t"]), ("lower", ["lower"]), ("slow", ["s", "low"]),
                           ("owl", ["o", "w", "l"]), ("", [])]:
        assert_equal(list(submission.encode(word, EXAMPLE_MERGES)), expected, name=f"encode({word!r})",
                     context=f"merges={EXAMPLE_MERGES}")


def test_ties_pick_the_smallest_pair(submission, device):
    merges = _as_merges(submission.train_bpe(["ba ab"], 1))
    assert_equal(merges, [("a", "b")], name="train_bpe(['ba ab'], 1)",
                 context="('b','a') and ('a','b') both occur once; the lexicographically smaller ('a','b') wins")


def test_word_frequency_counts(submission, device):
    merges = _as_merges(submission.train_bpe(["yx yx yx ab", "ab"], 1))
    assert_equal(merges, [("y", "x")], name="train_bpe(['yx yx yx ab', 'ab'], 1)",
                 context="('y','x') counts 3 (the word yx occurs 3 times) and beats ('a','b') with 2; "
                 "counting each distinct word once would make it a tie won by ('a','b')")


def test_no_pairs_across_words_and_early_stop(submission, device):
    merges = _as_merges(submission.train_bpe(["ab ab", "ab"], 5))
    assert_equal(merges, [("a", "b")], name="train_bpe(['ab ab', 'ab'], 5)",
                 context="after merging ('a','b') every word is one symbol; pairs never span two words "
                 "(no ('ab','ab')), so training stops early with one merge")


def test_overlapping_occurrences(submission, device):
    merges = _as_merges(submission.train_bpe(["aaaa", "aaa"], 3))
    expected = _reference_train(["aaaa", "aaa"], 3)
    assert_equal(merges, expected, name="train_bpe(['aaaa', 'aaa'], 3)",
                 context="'aaa' contributes 2 to ('a','a'); merging scans left to right: aaa -> aa, a")
    assert_equal(list(submission.encode("aaaaa", [("a", "a")])), ["aa", "aa", "a"], name="encode('aaaaa', [('a','a')])")


def test_encode_applies_merges_in_order(submission, device):
    merges = [("b", "c"), ("a", "b")]
    assert_equal(list(submission.encode("abc", merges)), ["a", "bc"], name="encode('abc', [('b','c'), ('a','b')])",
                 context="('b','c') is applied first, after which there is no ('a','b') pair left")


def test_train_matches_reference_property(submission, device):
    words = st.text(alphabet="abc", min_size=1, max_size=6)
    lines = st.lists(words, min_size=1, max_size=5).map(" ".join)

    @given(corpus=st.lists(lines, min_size=1, max_size=3), num_merges=st.integers(0, 8))
    def check(corpus, num_merges):
        merges = _as_merges(submission.train_bpe(corpus, num_merges))
        assert_equal(merges, _reference_train(corpus, num_merges), name="merges",
                     context=f"train_bpe({corpus!r}, {num_merges})")

    check()


def test_encode_matches_reference_property(submission, device):
    @given(data=st.data(), word=st.text(alphabet="abc", max_size=8), n=st.integers(0, 6))
    def check(data, word, n):
        vocab, merges = ["a", "b", "c"], []
        for i in range(n):  # each merge joins known symbols, as learned merges do
            left = data.draw(st.sampled_from(vocab), label=f"left {i}")
            right = data.draw(st.sampled_from(vocab), label=f"right {i}")
            pair = (left, right)
            merges.append(pair)
            vocab.append(pair[0] + pair[1])
        got = list(submission.encode(word, merges))
        assert_equal(got, _reference_encode(word, merges), name="symbols", context=f"encode({word!r}, {merges!r})")
        assert_equal("".join(got), word, name="''.join(symbols)", context="encoding must not lose or add characters")

    check()
