import math


class AliasSampler:
    def __init__(self, weights):
        weights = [float(w) for w in weights]
        if not weights or any(not math.isfinite(w) or w < 0 for w in weights) or sum(weights) == 0:
            raise ValueError("bad weights")
        n = len(weights)
        total = sum(weights)
        scaled = [w * n / total for w in weights]
        self.n = n
        self.prob = [0.0] * n
        self.alias = [0] * n
        small = [i for i, s in enumerate(scaled) if s < 1.0]
        large = [i for i, s in enumerate(scaled) if s >= 1.0]
        while small and large:
            s, l = small.pop(), large.pop()
            self.prob[s] = scaled[s]
            self.alias[s] = l
            scaled[l] -= 1.0 - scaled[s]
            (small if scaled[l] < 1.0 else large).append(l)
        # the columns still on the lists keep prob 0 and alias 0

    def sample(self, rng):
        i = rng.randrange(self.n)
        return i if rng.random() < self.prob[i] else self.alias[i]
