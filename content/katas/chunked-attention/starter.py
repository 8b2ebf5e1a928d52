import math

import torch


def chunked_attention(q, k, v, chunk_size=128, causal=False):
    """softmax(q k^T / sqrt(d)) v over key/value chunks with an online softmax.

    q: (..., Tq, d), k: (..., Tk, d), v: (..., Tk, dv). causal=True requires Tq == Tk.
    Never build a (Tq, Tk) score matrix.
    """
    raise NotImplementedError
