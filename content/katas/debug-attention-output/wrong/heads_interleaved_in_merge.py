import math

import torch
from torch import nn


class MultiHeadSelfAttention(nn.Module):
    """Multi-head self-attention with a fused QKV projection (layout as nn.MultiheadAttention)."""

    def __init__(self, d_model, num_heads):
        super().__init__()
        assert d_model % num_heads == 0, "d_model must be divisible by num_heads"
        self.d_model = d_model
        self.num_heads = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)  # rows: [W_q; W_k; W_v]
        self.proj = nn.Linear(d_model, d_model)

    def forward(self, x, causal=False):
        B, T, D = x.shape
        H = self.num_heads
        dh = D // H
        q, k, v = self.qkv(x).split(D, dim=-1)  # each (B, T, D)
        q = q.view(B, T, H, dh).transpose(1, 2)  # (B, H, T, dh)
        k = k.view(B, T, H, dh).transpose(1, 2)
        v = v.view(B, T, H, dh).transpose(1, 2)
        scores = q @ k.transpose(-2, -1) / math.sqrt(dh)  # (B, H, T, T)
        if causal:
            future = torch.ones(T, T, dtype=torch.bool, device=x.device).triu(1)
            scores = scores.masked_fill(future, float("-inf"))
        weights = scores.softmax(dim=-1)
        out = weights @ v  # (B, H, T, dh)
        out = out.permute(0, 2, 3, 1).reshape(B, T, D)  # (B, T, dh, H) -> (B, T, D)
        return self.proj(out)
