import torch


def cfg_eps(eps_cond, eps_uncond, scale):
    return eps_uncond + scale * (eps_cond - eps_uncond)


def cfg_denoise(model, x, t, cond, null_cond, scale):
    eps = model(torch.cat([x, x]), torch.cat([t, t]), torch.cat([cond, null_cond]))
    eps_cond, eps_uncond = eps.chunk(2, dim=0)
    return cfg_eps(eps_cond, eps_uncond, scale)
