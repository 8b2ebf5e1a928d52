"""Hidden tests for the sinusoidal-encoding kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import torch
from hypothesis import given
from hypothesis import strategies as st

from desktop.katas.checks import assert_close, assert_on_device


def _loop_reference(seq_len, d_model, base):
    """The definition, one entry at a time, in float64."""
    rows = []
    for pos in range(seq_len):
        row = []
        for i in range(d_model // 2):
            angle = pos / base ** (2 * i / d_model)
            row += [math.sin(angle), math.cos(angle)]
        rows.append(row)
    return torch.tensor(rows, dtype=torch.float64).reshape(seq_len, d_model)


def _check(submission, device, seq_len, d_model, base=10000.0):
    out = submission.sinusoidal_encoding(seq_len, d_model, base=base, device=device)
    assert_on_device(out, device)
    expected = _loop_reference(seq_len, d_model, base).to(device=device, dtype=torch.float32)
    # float32 angles: pos * freq has a relative rounding error of about 1e-7
    assert_close(out, expected, rtol=0, atol=1e-4, name="encoding",
                 context=f"sinusoidal_encoding(seq_len={seq_len}, d_model={d_model}, base={base})")


def test_tiny_example_by_hand(submission, device):
    out = submission.sinusoidal_encoding(2, 4, device=device)
    expected = torch.tensor([[0.0, 1.0, 0.0, 1.0],
                             [math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)]], device=device)
    assert_close(out, expected, name="encoding",
                 context="seq_len=2, d_model=4: frequencies 1 and 10000**(-2/4) = 0.01, "
                 "columns interleaved as [sin, cos, sin, cos]")


def test_dtype_shape_device(submission, device):
    out = submission.sinusoidal_encoding(5, 6, device=device)
    assert_on_device(out, device)
    assert tuple(out.shape) == (5, 6), f"expected shape (5, 6), got {tuple(out.shape)}"
    assert out.dtype == torch.float32, f"expected float32, got {out.dtype}"


def test_matches_definition(submission, device):
    _check(submission, device, 50, 16)


def test_custom_base(submission, device):
    _check(submission, device, 7, 8, base=100.0)


def test_sin_cos_pairs_lie_on_the_unit_circle(submission, device):
    out = submission.sinusoidal_encoding(30, 12, device=device)
    radius = out[:, 0::2] ** 2 + out[:, 1::2] ** 2
    assert_close(radius, torch.ones(30, 6, device=device), name="pe[:, 2i]**2 + pe[:, 2i+1]**2",
                 context="columns 2i and 2i+1 must be the sin and cos of the same angle")


def test_matches_definition_property(submission, device):
    @given(seq_len=st.integers(1, 12), half=st.integers(1, 6), base=st.sampled_from([10.0, 500.0, 10000.0]))
    def check(seq_len, half, base):
        _check(submission, device, seq_len, 2 * half, base)

    check()


def bench_case(device):
    """Bench mode's input: 1024 positions, d_model = 256."""
    return "sinusoidal_encoding", (1024, 256), {"device": device}
