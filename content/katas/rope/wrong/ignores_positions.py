import torch


def apply_rope(x, positions, base=10000.0):
    d, t = x.shape[-1], x.shape[-2]
    theta = base ** (-torch.arange(0, d, 2, device=x.device, dtype=torch.float32) / d)
    # Mistake: assumes the rows sit at positions 0..T-1 and ignores `positions`.
    angles = torch.arange(t, device=x.device, dtype=torch.float32)[:, None] * theta[None, :]
    cos, sin = torch.cos(angles).to(x.dtype), torch.sin(angles).to(x.dtype)
    x_even, x_odd = x[..., 0::2], x[..., 1::2]
    y_even = x_even * cos - x_odd * sin
    y_odd = x_even * sin + x_odd * cos
    return torch.stack([y_even, y_odd], dim=-1).flatten(-2)
