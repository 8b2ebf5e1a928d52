"""Hidden tests for the debug-device-dtype kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import math

import pytest
import torch

from desktop.katas.checks import assert_close, assert_on_device


def _table64(T, d_model, base=10000.0):
    pe = torch.zeros(T, d_model, dtype=torch.float64)
    for t in range(T):
        for i in range(0, d_model, 2):
            w = base ** (-i / d_model)
            pe[t, i] = math.sin(t * w)
            pe[t, i + 1] = math.cos(t * w)
    return pe


def _expected(x, base=10000.0):
    """x + pe computed in float64 on the CPU, then rounded to x's dtype, on x's device."""
    pe = _table64(x.shape[1], x.shape[2], base)
    return (x.detach().cpu().double() + pe).to(x.dtype).to(x.device)


def _x(device, shape, dtype, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(*shape, generator=g).to(dtype).to(device)


def _run(submission, x, d_model, **kwargs):
    out = submission.SinusoidalPositionalEncoding(d_model, **kwargs)(x)
    assert_on_device(out, x.device.type)
    return out


def _skip_float64_on_mps(device, dtype):
    if device == "mps" and dtype == torch.float64:
        pytest.skip("MPS has no float64")


def test_tiny_example_float16(submission, device):
    x = torch.zeros(1, 3, 4, dtype=torch.float16, device=device)
    out = _run(submission, x, 4)
    expected = torch.tensor(
        [
            [
                [0.0, 1.0, 0.0, 1.0],
                [math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)],
                [math.sin(2), math.cos(2), math.sin(0.02), math.cos(0.02)],
            ]
        ],
        dtype=torch.float16,
        device=device,
    )
    assert_close(
        out,
        expected,
        name="output",
        context="d_model=4, x = zeros(1, 3, 4) in float16: the output is the table, in "
        "float16 like x",
    )


def test_float32_matches(submission, device):
    x = _x(device, (2, 7, 8), torch.float32, seed=0)
    assert_close(_run(submission, x, 8), _expected(x), name="output (float32)")


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=["float16", "bfloat16"])
def test_half_precision_input_keeps_its_dtype(submission, device, dtype):
    x = _x(device, (2, 200, 16), dtype, seed=1)
    assert_close(
        _run(submission, x, 16),
        _expected(x),
        name=f"output ({dtype})",
        context=f"x is {dtype} with 200 positions: the output must stay {dtype} (a float32 "
        "table promotes x + pe to float32) and the angles t * w need float32 precision "
        "before the final cast",
    )


def test_float64_precision(submission, device):
    _skip_float64_on_mps(device, torch.float64)
    x = _x(device, (2, 50, 12), torch.float64, seed=2)
    assert_close(
        _run(submission, x, 12),
        _expected(x),
        name="output (float64)",
        context="float64 input: the table must be computed in float64, not in float32 "
        "and widened afterwards",
    )


def test_custom_base(submission, device):
    x = _x(device, (1, 5, 6), torch.float32, seed=3)
    assert_close(
        _run(submission, x, 6, base=100.0), _expected(x, base=100.0), name="output with base=100"
    )
