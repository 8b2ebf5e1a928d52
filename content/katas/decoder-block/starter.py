import torch
from torch import nn


class DecoderBlock(nn.Module):
    def __init__(self, d_model: int, n_heads: int, d_ff: int, dropout: float = 0.0):
        """Create ln1, attn (nn.MultiheadAttention, batch_first=True), ln2, mlp, drop."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x):
        """x: (B, T, d_model) -> (B, T, d_model); pre-norm, causal self-attention then MLP."""
        raise NotImplementedError
