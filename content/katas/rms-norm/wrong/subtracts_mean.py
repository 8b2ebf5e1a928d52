import torch


def rms_norm(x, weight, eps=1e-6):
    # Mistake: centres x first, which turns RMSNorm into LayerNorm without a bias.
    centred = x - x.mean(dim=-1, keepdim=True)
    return centred / torch.sqrt((centred ** 2).mean(dim=-1, keepdim=True) + eps) * weight
