from collections import Counter


def train_bpe(corpus, num_merges):
    """Learn up to num_merges merges from the whitespace-split words of corpus (list of str).

    Ties: highest pair count first, then the lexicographically smallest (left, right) pair.
    Returns a list of (left, right) tuples.
    """
    raise NotImplementedError


def encode(word, merges):
    """Apply the merges, in order, to the characters of word; return the list of symbols."""
    raise NotImplementedError
