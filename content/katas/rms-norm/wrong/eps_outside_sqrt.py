import torch


def rms_norm(x, weight, eps=1e-6):
    # Mistake: eps is added to the RMS instead of to the mean square.
    rms = torch.sqrt((x ** 2).mean(dim=-1, keepdim=True))
    return x / (rms + eps) * weight
