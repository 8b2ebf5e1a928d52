import math

import torch


def sinusoidal_encoding(seq_len, d_model, base=10000.0, device="cpu"):
    positions = torch.arange(seq_len, dtype=torch.float32, device=device)[:, None]
    two_i = torch.arange(0, d_model, 2, dtype=torch.float32, device=device)
    inv_freq = torch.exp(-two_i * (math.log(base) / d_model))
    angles = positions * inv_freq[None, :]  # (seq_len, d_model / 2)
    pe = torch.empty(seq_len, d_model, dtype=torch.float32, device=device)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe
