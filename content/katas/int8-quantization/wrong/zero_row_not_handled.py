import torch


def quantize_per_channel(w):
    amax = w.abs().amax(dim=1)
    scale = amax / 127.0
    q = torch.round(w / scale[:, None]).clamp(-127, 127).to(torch.int8)
    return q, scale


def dequantize(q, scale):
    return q.to(scale.dtype) * scale[:, None]
