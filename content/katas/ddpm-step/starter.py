import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    """Return a float64 (T,) CPU tensor, evenly spaced from beta_start to beta_end inclusive."""
    raise NotImplementedError


def q_sample(x0, t, noise, alphas_cumprod):
    """Return x_t = sqrt(abar_t) * x0 + sqrt(1 - abar_t) * noise.

    x0, noise: (B, ...); t: (B,) int64; alphas_cumprod: (T,). Output has x0's shape/dtype/device.
    """
    raise NotImplementedError


def p_sample_step(x_t, t, eps_pred, betas, alphas_cumprod, noise):
    """Return x_{t-1}: the DDPM reverse mean plus sqrt(beta_t) * noise (no noise where t == 0).

    x_t, eps_pred, noise: (B, ...); t: (B,) int64; betas, alphas_cumprod: (T,).
    """
    raise NotImplementedError
