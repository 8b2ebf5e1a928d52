import math

import torch


def sinusoidal_encoding(seq_len, d_model, base=10000.0, device="cpu"):
    positions = torch.arange(seq_len, dtype=torch.float32, device=device)[:, None]
    i = torch.arange(d_model // 2, dtype=torch.float32, device=device)
    # Mistake: exponent i / d_model instead of 2i / d_model.
    angles = positions / base ** (i / d_model)
    pe = torch.zeros(seq_len, d_model, device=device)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe
