import torch
import torch.nn.functional as F


def info_nce(z1, z2, temperature):
    z1 = z1 / z1.norm(dim=1, keepdim=True)
    z2 = z2 / z2.norm(dim=1, keepdim=True)
    logits = z1 @ z2.T / temperature
    targets = torch.arange(z1.shape[0], device=z1.device)
    return F.cross_entropy(logits, targets)
