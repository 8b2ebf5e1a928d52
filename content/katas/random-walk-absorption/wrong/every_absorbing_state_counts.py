from collections import defaultdict

import numpy as np


def absorption_probability(transitions, start, target):
    nodes = set(transitions) | {y for pairs in transitions.values() for y, _ in pairs}

    def outgoing(x):
        moves = defaultdict(float)
        for y, p in transitions.get(x, ()):
            moves[y] += p
        return moves

    def is_absorbing(x):
        return sum(p for y, p in outgoing(x).items() if y != x) <= 1e-12

    if target not in nodes or not is_absorbing(target):
        raise ValueError("target must be absorbing")
    if is_absorbing(start):
        return 1.0 if start == target else 0.0
    transient = [x for x in nodes if not is_absorbing(x)]
    index = {x: i for i, x in enumerate(transient)}
    system = np.eye(len(transient))
    rhs = np.zeros(len(transient))
    for x in transient:
        for y, p in outgoing(x).items():
            if y in index:
                system[index[x], index[y]] -= p
            else:
                rhs[index[x]] += p  # any absorbing state, not just the target
    return float(np.linalg.solve(system, rhs)[index[start]])
