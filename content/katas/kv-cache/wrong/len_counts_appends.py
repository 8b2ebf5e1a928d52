import math

import torch


class KVCache:
    def __init__(self):
        self.k = None
        self.v = None
        self.steps = 0

    def append(self, k, v):
        if self.k is None:
            self.k, self.v = k, v
        else:
            self.k = torch.cat([self.k, k], dim=2)
            self.v = torch.cat([self.v, v], dim=2)
        self.steps += 1
        return self.k, self.v

    def __len__(self):
        # Mistake: counts append calls; a prefill appends many positions at once.
        return self.steps


def decode_step(q, k_new, v_new, cache):
    k_all, v_all = cache.append(k_new, v_new)
    scores = q @ k_all.transpose(-2, -1) / cache.k.shape[-1] ** 0.5
    return torch.softmax(scores, dim=-1) @ v_all
