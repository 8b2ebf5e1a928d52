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
    return out


def train_bpe(corpus, num_merges):
    # Mistake: each line becomes one symbol sequence, so pairs are counted across word boundaries.
    sequences = [list("".join(line.split())) for line in corpus]
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for seq in sequences:
            for pair in zip(seq, seq[1:]):
                pairs[pair] += 1
        if not pairs:
            break
        best = min(pairs, key=lambda pair: (-pairs[pair], pair))
        merges.append(best)
        sequences = [_merge(seq, best) for seq in sequences]
    return merges


def encode(word, merges):
    symbols = list(word)
    for pair in merges:
        symbols = _merge(symbols, tuple(pair))
    return symbols
