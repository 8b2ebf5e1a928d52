import math

import torch


def sinusoidal_encoding(seq_len, d_model, base=10000.0, device="cpu"):
    positions = torch.arange(seq_len, dtype=torch.float32, device=device)[:, None]
    two_i = torch.arange(0, d_model, 2, dtype=torch.float32, device=device)
    angles = positions / base ** (two_i / d_model)
    # Mistake: [sin | cos] halves instead of interleaved sin/cos columns.
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1)
