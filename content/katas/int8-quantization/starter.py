import torch


def quantize_per_channel(w):
    """Symmetric per-row int8 quantization.

    w: (out, in) float. Returns (q int8 (out, in), scale (out,) of w's dtype) with
    scale = max|row| / 127 (1 for an all-zero row) and q = clamp(round(w / scale), -127, 127).
    """
    raise NotImplementedError


def dequantize(q, scale):
    """q: (out, in) int8, scale: (out,). Returns q * scale per row, in scale's dtype."""
    raise NotImplementedError
