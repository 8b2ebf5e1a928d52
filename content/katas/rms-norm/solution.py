import torch


def rms_norm(x, weight, eps=1e-6):
    mean_square = (x * x).mean(dim=-1, keepdim=True)
    return x * torch.rsqrt(mean_square + eps) * weight
