from collections import Counter


def _merge(symbols, pair):
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
    # Mistake: a set of distinct words; a word that occurs 100 times counts once.
    words = {tuple(word) for line in corpus for word in line.split()}
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for symbols in words:
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += 1
        if not pairs:
            break
        best = min(pairs, key=lambda pair: (-pairs[pair], pair))
        merges.append(best)
        words = {_merge(symbols, best) for symbols in words}
    return merges


def encode(word, merges):
    symbols = tuple(word)
    for pair in merges:
        symbols = _merge(symbols, tuple(pair))
    return list(symbols)
