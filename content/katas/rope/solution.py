import torch


def apply_rope(x, positions, base=10000.0):
    d = x.shape[-1]
    # float64 angles for float64 inputs, float32 otherwise (MPS has no float64)
    angle_dtype = torch.float64 if x.dtype == torch.float64 else torch.float32
    two_i = torch.arange(0, d, 2, device=x.device, dtype=angle_dtype)
    theta = base ** (-two_i / d)  # (d/2,)
    angles = positions.to(angle_dtype)[:, None] * theta[None, :]  # (T, d/2)
    cos = torch.cos(angles).to(x.dtype)
    sin = torch.sin(angles).to(x.dtype)
    x_even, x_odd = x[..., 0::2], x[..., 1::2]
    y_even = x_even * cos - x_odd * sin
    y_odd = x_even * sin + x_odd * cos
    return torch.stack([y_even, y_odd], dim=-1).flatten(-2)
