from collections import defaultdict


def absorption_probability(transitions, start, target):
    nodes = set(transitions) | {y for pairs in transitions.values() for y, _ in pairs}

    def absorbing(x):
        return all(y == x for y, p in transitions.get(x, ()) if p > 0)

    if target not in nodes or not absorbing(target):
        raise ValueError("target must be absorbing")
    # push the distribution forward for a fixed number of steps
    dist = {start: 1.0}
    for _ in range(200):
        nxt = defaultdict(float)
        for x, mass in dist.items():
            if absorbing(x):
                nxt[x] += mass
                continue
            for y, p in transitions[x]:
                nxt[y] += mass * p
        dist = nxt
    return float(dist.get(target, 0.0))
