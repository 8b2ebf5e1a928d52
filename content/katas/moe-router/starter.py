import torch


def top_k_router(logits, k):
    """logits: (N, E). Returns (weights (N, k), indices (N, k) long, aux_loss 0-dim tensor)."""
    raise NotImplementedError
