import math

import torch


def cross_attention(x, context, w_q, w_k, w_v, w_o, n_heads, context_mask=None):
    """Multi-head attention of x (B, Tq, D) over context (B, Tk, D).

    Weights are (D, D) and applied as x @ w. context_mask: bool (B, Tk), True = real token.
    Returns (B, Tq, D).
    """
    raise NotImplementedError
