import torch


def rms_norm(x, weight, eps=1e-6):
    # Mistake: sum of squares (the L2 norm) instead of the mean of squares.
    norm = torch.sqrt((x ** 2).sum(dim=-1, keepdim=True) + eps)
    return x / norm * weight
