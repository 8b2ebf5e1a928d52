import math

import torch


def chunked_attention(q, k, v, chunk_size=128, causal=False):
    # Mistake: ignores chunk_size and builds the whole (Tq, Tk) score matrix.
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if causal:
        t = q.shape[-2]
        future = torch.ones(t, t, dtype=torch.bool, device=q.device).triu(1)
        scores = scores.masked_fill(future, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
