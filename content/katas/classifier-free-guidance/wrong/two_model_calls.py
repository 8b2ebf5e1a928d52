import torch


def cfg_eps(eps_cond, eps_uncond, scale):
    return eps_uncond + scale * (eps_cond - eps_uncond)


def cfg_denoise(model, x, t, cond, null_cond, scale):
    eps_cond = model(x, t, cond)
    eps_uncond = model(x, t, null_cond)
    return cfg_eps(eps_cond, eps_uncond, scale)
