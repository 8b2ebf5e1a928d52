import torch
from torch import nn


class DecoderBlock(nn.Module):
    def __init__(self, d_model: int, n_heads: int, d_ff: int, dropout: float = 0.0):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = nn.MultiheadAttention(d_model, n_heads, dropout=dropout, batch_first=True)
        self.ln2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        t = x.shape[1]
        future = torch.ones(t, t, dtype=torch.bool, device=x.device).triu(1)
        # Mistake: overwrites x with its normalised version, so the residual adds to ln(x).
        x = self.ln1(x)
        x = x + self.drop(self.attn(x, x, x, attn_mask=future, need_weights=False)[0])
        x = self.ln2(x)
        x = x + self.drop(self.mlp(x))
        return x
