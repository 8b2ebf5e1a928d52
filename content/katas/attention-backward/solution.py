import math

import torch


def attention_backward(q, k, v, grad_out):
    scale = 1.0 / math.sqrt(q.shape[-1])
    # Recompute the forward pass.
    scores = q @ k.transpose(-2, -1) * scale
    p = torch.softmax(scores, dim=-1)
    # out = p @ v
    grad_v = p.transpose(-2, -1) @ grad_out
    grad_p = grad_out @ v.transpose(-2, -1)
    # Softmax backward over the keys.
    grad_s = p * (grad_p - (grad_p * p).sum(dim=-1, keepdim=True))
    # scores = scale * q @ k^T
    grad_q = grad_s @ k * scale
    grad_k = grad_s.transpose(-2, -1) @ q * scale
    return grad_q, grad_k, grad_v
