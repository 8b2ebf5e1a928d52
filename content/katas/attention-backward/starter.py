import math

import torch


def attention_backward(q, k, v, grad_out):
    """Return (grad_q, grad_k, grad_v) for out = softmax(q k^T / sqrt(d)) v, by hand.

    q: (B, Tq, d), k: (B, Tk, d), v: (B, Tk, dv), grad_out: (B, Tq, dv).
    grad_q: (B, Tq, d), grad_k: (B, Tk, d), grad_v: (B, Tk, dv). No autograd.
    """
    raise NotImplementedError
