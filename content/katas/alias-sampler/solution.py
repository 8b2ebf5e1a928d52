import math


class AliasSampler:
    def __init__(self, weights):
        weights = [float(w) for w in weights]
        if not weights:
            raise ValueError("weights must not be empty")
        if any(not math.isfinite(w) or w < 0 for w in weights):
            raise ValueError("weights must be finite and non-negative")
        total = math.fsum(weights)
        if total <= 0:
            raise ValueError("at least one weight must be positive")
        n = len(weights)
        scaled = [w * n / total for w in weights]
        self.n = n
        self.prob = [0.0] * n
        self.alias = list(range(n))
        small = [i for i, s in enumerate(scaled) if s < 1.0]
        large = [i for i, s in enumerate(scaled) if s >= 1.0]
        while small and large:
            lo, hi = small.pop(), large.pop()
            self.prob[lo] = scaled[lo]
            self.alias[lo] = hi
            scaled[hi] -= 1.0 - scaled[lo]
            (small if scaled[hi] < 1.0 else large).append(hi)
        # Leftovers on either list are columns whose height is 1 up to rounding error.
        for i in small + large:
            self.prob[i] = 1.0

    def sample(self, rng):
        i = rng.randrange(self.n)
        return i if rng.random() < self.prob[i] else self.alias[i]
