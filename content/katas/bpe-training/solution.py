from collections import Counter


def _merge(symbols, pair):
    """Replace non-overlapping occurrences of pair, scanning left to right."""
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def train_bpe(corpus, num_merges):
    word_counts = Counter(word for line in corpus for word in line.split())
    words = {tuple(word): count for word, count in word_counts.items()}
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for symbols, count in words.items():
            for pair in zip(symbols, symbols[1:], strict=False):
                pairs[pair] += count
        if not pairs:
            break
        best = min(pairs, key=lambda pair: (-pairs[pair], pair))
        merges.append(best)
        merged = Counter()
        for symbols, count in words.items():
            merged[_merge(symbols, best)] += count
        words = dict(merged)
    return merges


def encode(word, merges):
    symbols = tuple(word)
    for pair in merges:
        symbols = _merge(symbols, tuple(pair))
    return list(symbols)
