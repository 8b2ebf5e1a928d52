import math

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        self.d_model = d_model
        self.n_heads = n_heads
        self.head_dim = d_model // n_heads
        self.w_q = nn.Linear(d_model, d_model, bias=False)
        self.w_k = nn.Linear(d_model, d_model, bias=False)
        self.w_v = nn.Linear(d_model, d_model, bias=False)
        self.w_o = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, mask=None):
        b, n, _ = x.shape
        # Mistake: reshapes straight to (B, H, T, hd), mixing tokens between heads.
        q = self.w_q(x).reshape(b, self.n_heads, n, self.head_dim)
        k = self.w_k(x).reshape(b, self.n_heads, n, self.head_dim)
        v = self.w_v(x).reshape(b, self.n_heads, n, self.head_dim)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)
        if mask is not None:
            scores = scores.masked_fill(~mask, float("-inf"))
        heads = torch.softmax(scores, dim=-1) @ v
        return self.w_o(heads.reshape(b, n, self.d_model))
