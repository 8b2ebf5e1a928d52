import torch


def apply_rope(x, positions, base=10000.0):
    """Rotate pairs (x[..., 2i], x[..., 2i+1]) of x (..., T, d) by positions[t] * base**(-2i/d).

    positions: long (T,). Returns a tensor shaped like x.
    """
    raise NotImplementedError
