from collections import defaultdict

import numpy as np


def absorption_probability(transitions, start, target):
    nodes = set(transitions)
    for pairs in transitions.values():
        nodes.update(y for y, _ in pairs)

    def outgoing(x):
        moves = defaultdict(float)
        for y, p in transitions.get(x, ()):
            moves[y] += p
        return moves

    def is_absorbing(x):
        moves = outgoing(x)
        return sum(p for y, p in moves.items() if y != x) <= 1e-12

    if target not in nodes or not is_absorbing(target):
        raise ValueError(f"target {target!r} is not an absorbing node of the chain")
    if is_absorbing(start):
        return 1.0 if start == target else 0.0

    transient = [x for x in nodes if not is_absorbing(x)]
    index = {x: i for i, x in enumerate(transient)}
    t = len(transient)
    system = np.eye(t)
    rhs = np.zeros(t)
    for x in transient:
        for y, p in outgoing(x).items():
            if y in index:
                system[index[x], index[y]] -= p
            elif y == target:
                rhs[index[x]] += p
    h = np.linalg.solve(system, rhs)
    return float(h[index[start]])
