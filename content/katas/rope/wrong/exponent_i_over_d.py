import torch


def apply_rope(x, positions, base=10000.0):
    d = x.shape[-1]
    # Mistake: theta_i = base ** (-i / d) instead of base ** (-2i / d).
    theta = base ** (-torch.arange(d // 2, device=x.device, dtype=torch.float32) / d)
    angles = positions.float()[:, None] * theta[None, :]
    cos, sin = torch.cos(angles).to(x.dtype), torch.sin(angles).to(x.dtype)
    x_even, x_odd = x[..., 0::2], x[..., 1::2]
    y_even = x_even * cos - x_odd * sin
    y_odd = x_even * sin + x_odd * cos
    return torch.stack([y_even, y_odd], dim=-1).flatten(-2)
