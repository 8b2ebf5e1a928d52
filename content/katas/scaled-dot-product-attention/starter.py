import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    """Return (output, weights) for attention of q over k/v.

    q: (..., Tq, d), k: (..., Tk, d), v: (..., Tk, dv); mask: bool, True = may attend.
    """
    raise NotImplementedError
