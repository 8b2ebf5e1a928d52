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
    word_counts = Counter(word for line in corpus for word in line.split())
    words = {tuple(word): count for word, count in word_counts.items()}
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for symbols, count in words.items():
            for pair in zip(symbols, symbols[1:]):
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
    # Mistake: greedily merges any known pair while scanning left to right, ignoring merge order.
    known = {tuple(pair) for pair in merges}
    symbols = list(word)
    changed = True
    while changed:
        changed = False
        i = 0
        while i + 1 < len(symbols):
            if (symbols[i], symbols[i + 1]) in known:
                symbols[i : i + 2] = [symbols[i] + symbols[i + 1]]
                changed = True
            else:
                i += 1
    return symbols
