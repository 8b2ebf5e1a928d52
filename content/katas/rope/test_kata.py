"""Hidden tests for the rope kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import pytest
import torch

from desktop.katas.checks import assert_close, assert_on_device

# float32 angles pos * theta carry a rounding error of about pos * 6e-8
ATOL32 = 1e-4


def _reference(x, positions, base=10000.0):
    """Independent formulation: each pair is a complex number multiplied by exp(i * m * theta)."""
    xd = x.detach().cpu().to(torch.float64)
    d = xd.shape[-1]
    theta = torch.tensor([base ** (-2 * i / d) for i in range(d // 2)], dtype=torch.float64)
    angles = positions.cpu().to(torch.float64)[:, None] * theta[None, :]
    z = torch.complex(xd[..., 0::2], xd[..., 1::2]) * torch.polar(torch.ones_like(angles), angles)
    out = torch.stack([z.real, z.imag], dim=-1).flatten(-2)
    return out.to(device=x.device, dtype=x.dtype)


def test_tiny_example_by_hand(submission, device):
    x = torch.tensor([[1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0]], device=device)
    positions = torch.tensor([0, 1], device=device)
    out = submission.apply_rope(x, positions)
    expected = torch.tensor([[1.0, 0.0, 1.0, 0.0],
                             [math.cos(1), math.sin(1), math.cos(0.01), math.sin(0.01)]], device=device)
    assert_close(out, expected, name="output",
                 context="x rows [1, 0, 1, 0] at positions [0, 1], d=4: theta = [1, 0.01]; pairs are "
                 "(x0, x1), (x2, x3), rotated counter-clockwise: (1, 0) -> (cos a, sin a)")


def test_rotation_direction(submission, device):
    x = torch.tensor([[0.0, 1.0]], device=device)
    out = submission.apply_rope(x, torch.tensor([2], device=device))
    expected = torch.tensor([[-math.sin(2), math.cos(2)]], device=device)
    assert_close(out, expected, name="output",
                 context="x=[[0, 1]] at position 2, d=2: y0 = x0 cos - x1 sin = -sin 2, y1 = x0 sin + x1 cos = cos 2")


def test_matches_reference_4d(submission, device):
    torch.manual_seed(0)
    x = torch.randn(2, 3, 6, 8, device=device)
    positions = torch.arange(6, device=device)
    out = submission.apply_rope(x, positions)
    assert_on_device(out, device)
    assert_close(out, _reference(x, positions), atol=ATOL32, name="output",
                 context="x of shape (B=2, H=3, T=6, d=8), positions 0..5")


def test_uses_the_given_positions(submission, device):
    torch.manual_seed(1)
    x = torch.randn(1, 4, 6, device=device)
    positions = torch.tensor([17, 18, 19, 20], device=device)
    assert_close(submission.apply_rope(x, positions), _reference(x, positions), atol=ATOL32, name="output",
                 context="positions [17, 18, 19, 20] (decoding after a cache of 17 tokens), not 0..3")


def test_custom_base(submission, device):
    torch.manual_seed(2)
    x = torch.randn(5, 6, device=device)
    positions = torch.arange(5, device=device)
    assert_close(submission.apply_rope(x, positions, base=100.0), _reference(x, positions, 100.0),
                 atol=ATOL32, name="output", context="x of shape (5, 6), base=100")


def test_preserves_pair_norms(submission, device):
    torch.manual_seed(3)
    x = torch.randn(2, 9, 8, device=device)
    out = submission.apply_rope(x, torch.arange(9, device=device))
    norms_in = x[..., 0::2] ** 2 + x[..., 1::2] ** 2
    norms_out = out[..., 0::2] ** 2 + out[..., 1::2] ** 2
    assert_close(norms_out, norms_in, atol=ATOL32, name="pair norms",
                 context="each pair (x[2i], x[2i+1]) is rotated, so its length must not change")


def test_relative_position_property(submission, device):
    torch.manual_seed(4)
    q = torch.randn(1, 8, device=device).expand(6, 8).contiguous()
    k = torch.randn(1, 8, device=device).expand(6, 8).contiguous()
    m = torch.arange(6, device=device)
    dots = []
    for shift in (0, 5, 11):
        rq = submission.apply_rope(q, m + shift)
        rk = submission.apply_rope(k, torch.full((6,), 3 + shift, device=device))
        dots.append((rq * rk).sum(-1))
    for shift, dot in zip((5, 11), dots[1:], strict=True):
        assert_close(dot, dots[0], atol=ATOL32, name="<rope(q, m + s), rope(k, 3 + s)>",
                     context=f"the score must depend only on m - n: shifting both positions by s={shift} changed it")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    torch.manual_seed(5)
    x = torch.randn(2, 4, 6, device=device, dtype=torch.float64)
    positions = torch.arange(4, device=device)
    assert_close(submission.apply_rope(x, positions), _reference(x, positions), rtol=1e-6, atol=1e-6,
                 name="output", context="float64 input of shape (2, 4, 6): the output must stay float64")


def bench_case(device):
    """Bench mode's input: queries of shape (B=2, H=8, T=512, d=64) at positions 0..511."""
    x = torch.randn(2, 8, 512, 64, generator=torch.Generator().manual_seed(6)).to(device)
    return "apply_rope", (x, torch.arange(512, device=device)), {}
