import math
import random


class AliasSampler:
    """Draw index i with probability weights[i] / sum(weights) in O(1) per draw."""

    def __init__(self, weights):
        """Build the prob/alias tables. ValueError for empty, negative, NaN/inf or all-zero weights."""
        raise NotImplementedError

    def sample(self, rng):
        """One draw using only rng (a random.Random); returns a Python int."""
        raise NotImplementedError
