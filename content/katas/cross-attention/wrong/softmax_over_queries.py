import math

import torch


def _split_heads(t, n_heads):
    b, n, d = t.shape
    return t.view(b, n, n_heads, d // n_heads).transpose(1, 2)


def cross_attention(x, context, w_q, w_k, w_v, w_o, n_heads, context_mask=None):
    b, tq, d = x.shape
    q = _split_heads(x @ w_q, n_heads)
    k = _split_heads(context @ w_k, n_heads)
    v = _split_heads(context @ w_v, n_heads)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d // n_heads)  # (B, H, Tq, Tk)
    if context_mask is not None:
        scores = scores.masked_fill(~context_mask[:, None, None, :], -1e9)
    # Mistake: normalises over the queries instead of the keys.
    heads = torch.softmax(scores, dim=-2) @ v
    return heads.transpose(1, 2).reshape(b, tq, d) @ w_o
