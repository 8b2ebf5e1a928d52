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

    def table(self, T, device=None, dtype=torch.float32):
        """(T, d_model) on `device` in `dtype`: pe[t, 2i] = sin(t * w_i), pe[t, 2i + 1] = cos(t * w_i).

        The angles are computed in at least float32 (float64 for float64) and cast at the end:
        half precision cannot represent t * w_i accurately for large t.
        """
        work = torch.promote_types(dtype, torch.float32)
        position = torch.arange(T, device=device, dtype=work).unsqueeze(1)  # (T, 1)
        steps = torch.arange(0, self.d_model, 2, device=device, dtype=work)
        inv_freq = torch.exp(steps * (-math.log(self.base) / self.d_model))
        angles = position * inv_freq  # (T, d_model / 2)
        pe = torch.empty(T, self.d_model, device=device, dtype=work)
        pe[:, 0::2] = torch.sin(angles)
        pe[:, 1::2] = torch.cos(angles)
        return pe.to(dtype)

    def forward(self, x):
        return x + self.table(x.shape[1], device=x.device, dtype=x.dtype)
