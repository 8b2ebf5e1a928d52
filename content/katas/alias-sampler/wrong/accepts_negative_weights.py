import math


class AliasSampler:
    def __init__(self, weights):
        weights = [float(w) for w in weights]
        if not weights or any(not math.isfinite(w) for w in weights):
            raise ValueError("bad weights")
        total = sum(weights)
        if total <= 0:
            raise ValueError("weights must have a positive sum")
        n = len(weights)
        scaled = [w * n / total for w in weights]
        self.n = n
        self.prob = [0.0] * n
        self.alias = list(range(n))
        small = [i for i, s in enumerate(scaled) if s < 1.0]
        large = [i for i, s in enumerate(scaled) if s >= 1.0]
        while small and large:
            s, l = small.pop(), large.pop()
            self.prob[s] = scaled[s]
            self.alias[s] = l
            scaled[l] -= 1.0 - scaled[s]
            (small if scaled[l] < 1.0 else large).append(l)
        for i in small + large:
            self.prob[i] = 1.0

    def sample(self, rng):
        i = rng.randrange(self.n)
        return i if rng.random() < self.prob[i] else self.alias[i]
