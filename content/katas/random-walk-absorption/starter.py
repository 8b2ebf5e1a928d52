import numpy as np


def absorption_probability(transitions, start, target):
    """P(the walk from start is absorbed at target).

    transitions: {node: [(next_node, prob), ...]}; a destination may repeat (probabilities add).
    Absorbing: no pairs, not a key, or all probability on itself. ValueError if target is not
    absorbing. Returns a Python float.
    """
    raise NotImplementedError
