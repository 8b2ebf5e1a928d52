import heapq
import math
import random


def weighted_reservoir_sample(stream, k, rng):
    """Keep k of the (item, weight) entries of a one-pass stream (A-Res).

    Each entry with weight > 0 gets the key u ** (1 / weight), u uniform in (0, 1] from rng;
    return the items of the k largest keys (any order). Zero-weight entries are never chosen;
    a negative or NaN weight raises ValueError.
    """
    raise NotImplementedError
