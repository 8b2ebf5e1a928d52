import torch


def cfg_eps(eps_cond, eps_uncond, scale):
    """Return eps_uncond + scale * (eps_cond - eps_uncond)."""
    raise NotImplementedError


def cfg_denoise(model, x, t, cond, null_cond, scale):
    """Guided noise prediction with a single call of model(x, t, cond) on a batch of 2B.

    x: (B, ...), t: (B,) int64, cond and null_cond: (B, ...); returns the shape of x.
    """
    raise NotImplementedError
