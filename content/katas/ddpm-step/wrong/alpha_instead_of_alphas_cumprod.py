import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, T, dtype=torch.float64)


def _per_sample(values, t, like):
    """values[t] reshaped to (B, 1, ..., 1) so it broadcasts against `like`."""
    return values[t].reshape(-1, *([1] * (like.dim() - 1)))


def q_sample(x0, t, noise, alphas_cumprod):
    abar = _per_sample(alphas_cumprod, t, x0)
    return abar.sqrt() * x0 + (1.0 - abar).sqrt() * noise


def p_sample_step(x_t, t, eps_pred, betas, alphas_cumprod, noise):
    beta = _per_sample(betas, t, x_t)
    abar = _per_sample(alphas_cumprod, t, x_t)
    alpha = 1.0 - beta
    mean = (x_t - beta / (1.0 - alpha).sqrt() * eps_pred) / alpha.sqrt()
    nonzero = (t > 0).to(x_t.dtype).reshape(-1, *([1] * (x_t.dim() - 1)))
    return mean + nonzero * beta.sqrt() * noise
