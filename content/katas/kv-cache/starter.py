import math

import torch


class KVCache:
    def __init__(self):
        raise NotImplementedError

    def append(self, k, v):
        """k: (B, H, t, d), v: (B, H, t, dv). Store them; return the full cached (k_all, v_all)."""
        raise NotImplementedError

    def __len__(self):
        """Number of cached positions."""
        raise NotImplementedError


def decode_step(q, k_new, v_new, cache):
    """q, k_new: (B, H, 1, d); v_new: (B, H, 1, dv). Append, then attend q over every cached position.

    Returns (B, H, 1, dv).
    """
    raise NotImplementedError
