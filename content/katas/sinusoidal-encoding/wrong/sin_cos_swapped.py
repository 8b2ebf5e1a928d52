import math

import torch


def sinusoidal_encoding(seq_len, d_model, base=10000.0, device="cpu"):
    positions = torch.arange(seq_len, dtype=torch.float32, device=device)[:, None]
    two_i = torch.arange(0, d_model, 2, dtype=torch.float32, device=device)
    angles = positions * torch.exp(-two_i * math.log(base) / d_model)
    pe = torch.zeros(seq_len, d_model, device=device)
    # Mistake: cosines in the even columns, sines in the odd ones.
    pe[:, 0::2] = torch.cos(angles)
    pe[:, 1::2] = torch.sin(angles)
    return pe
