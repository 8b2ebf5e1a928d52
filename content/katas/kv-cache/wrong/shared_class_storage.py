import math

import torch


class KVCache:
    # Mistake: class attributes are shared by every KVCache instance.
    keys = []
    values = []

    def __init__(self):
        pass

    def append(self, k, v):
        self.keys.append(k)
        self.values.append(v)
        return torch.cat(self.keys, dim=2), torch.cat(self.values, dim=2)

    def __len__(self):
        return sum(k.shape[2] for k in self.keys)


def decode_step(q, k_new, v_new, cache):
    k_all, v_all = cache.append(k_new, v_new)
    scores = q @ k_all.transpose(-2, -1) / math.sqrt(q.shape[-1])
    return torch.softmax(scores, dim=-1) @ v_all
