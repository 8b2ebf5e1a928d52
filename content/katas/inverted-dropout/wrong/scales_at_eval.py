import torch


def dropout(x, p, training, generator):
    if not training:
        # Original (non-inverted) dropout compensates at test time; combined with the
        # training-time rescaling below it shrinks activations at eval.
        return x * (1.0 - p)
    if p >= 1.0:
        return torch.zeros_like(x)
    keep = torch.rand(x.shape, generator=generator, device=x.device) >= p
    return x * keep.to(x.dtype) / (1.0 - p)
