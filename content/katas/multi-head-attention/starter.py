import math

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        """Create w_q, w_k, w_v, w_o: nn.Linear(d_model, d_model, bias=False)."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x, mask=None):
        """x: (B, T, d_model); mask: bool broadcastable to (B, n_heads, T, T), True = may attend.

        Returns (B, T, d_model).
        """
        raise NotImplementedError
