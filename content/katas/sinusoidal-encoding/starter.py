import math

import torch


def sinusoidal_encoding(seq_len, d_model, base=10000.0, device="cpu"):
    """Return a float32 (seq_len, d_model) tensor on device:
    pe[pos, 2i] = sin(pos / base**(2i/d_model)), pe[pos, 2i+1] = cos(same angle)."""
    raise NotImplementedError
