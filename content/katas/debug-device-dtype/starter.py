import math

import torch
from torch import nn


class SinusoidalPositionalEncoding(nn.Module):
    """Adds the sinusoidal position table of "Attention Is All You Need" to x: (B, T, d_model)."""

    def __init__(self, d_model, base=10000.0):
        super().__init__()
        assert d_model % 2 == 0, "d_model must be even"
        self.d_model = d_model
        self.base = base

    def table(self, T):
        """(T, d_model): pe[t, 2i] = sin(t * w_i), pe[t, 2i + 1] = cos(t * w_i)."""
        position = torch.arange(T).unsqueeze(1)  # (T, 1)
        inv_freq = torch.exp(
            torch.arange(0, self.d_model, 2) * (-math.log(self.base) / self.d_model)
        )
        angles = position * inv_freq  # (T, d_model / 2)
        pe = torch.zeros(T, self.d_model)
        pe[:, 0::2] = torch.sin(angles)
        pe[:, 1::2] = torch.cos(angles)
        return pe

    def forward(self, x):
        return x + self.table(x.shape[1])
