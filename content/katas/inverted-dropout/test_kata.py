import pytest
import torch

from desktop.katas.checks import assert_close, assert_on_device


def _require(condition, message):
    if not condition:
        raise AssertionError(message)


def _gen(device, seed):
    return torch.Generator(device=device).manual_seed(seed)


def _expected(x, p, seed):
    keep = torch.rand(x.shape, generator=_gen(x.device.type, seed), device=x.device) >= p
    return x * keep.to(x.dtype) / (1 - p), keep


def test_tiny_example(submission, device):
    x = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], device=device)
    out = submission.dropout(x, 0.5, True, _gen(device, 0))
    want, keep = _expected(x, 0.5, 0)
    assert_on_device(out, device)
    assert_close(out, want, name="output",
                 context=f"x = [1..6], p = 0.5, generator seeded 0: keep mask = {keep.tolist()}; "
                         "kept values are multiplied by 1 / (1 - p) = 2")


def test_matches_the_specified_mask(submission, device):
    x = torch.randn(4, 5, generator=torch.Generator().manual_seed(1)).to(device)
    out = submission.dropout(x, 0.3, True, _gen(device, 7))
    want, _ = _expected(x, 0.3, 7)
    assert_close(out, want, name="output",
                 context="x (4, 5), p = 0.3: mask = torch.rand(x.shape, generator=g, "
                         "device=x.device) >= p, kept values scaled by 1 / 0.7")


def test_eval_is_identity(submission, device):
    x = torch.randn(3, 4, generator=torch.Generator().manual_seed(2)).to(device)
    out = submission.dropout(x, 0.4, False, _gen(device, 0))
    assert_close(out, x, name="output in eval mode",
                 context="training=False: inverted dropout returns x unchanged (no mask, no scaling)")


def test_p_zero_keeps_everything(submission, device):
    x = torch.randn(10, generator=torch.Generator().manual_seed(3)).to(device)
    out = submission.dropout(x, 0.0, True, _gen(device, 0))
    assert_close(out, x, name="output", context="p = 0 in training: nothing is dropped or scaled")


def test_p_one_gives_zeros(submission, device):
    x = torch.randn(2, 3, generator=torch.Generator().manual_seed(4)).to(device)
    out = submission.dropout(x, 1.0, True, _gen(device, 0))
    _require(not torch.isnan(out).any(),
             "p = 1 gave NaN: 0 * (1 / (1 - 1)) = 0 * inf; handle p = 1 separately")
    assert_close(out, torch.zeros_like(x), name="output", context="p = 1 drops everything")


def test_expectation_is_preserved(submission, device):
    x = torch.ones(200_000, device=device)
    out = submission.dropout(x, 0.25, True, _gen(device, 5))
    mean = float(out.mean())
    kept = float((out != 0).float().mean())
    _require(abs(kept - 0.75) < 0.01,
             f"{kept:.3f} of the elements were kept with p = 0.25; expected about 0.75 "
             "(p is the probability of DROPPING)")
    _require(abs(mean - 1.0) < 0.01,
             f"mean output {mean:.4f} for x = ones and p = 0.25; inverted dropout keeps the "
             "expectation at 1 by scaling kept values by 1 / (1 - p)")


def test_gradient_is_mask_over_keep_probability(submission, device):
    x = torch.randn(3, 7, generator=torch.Generator().manual_seed(6)).to(device).requires_grad_(True)
    out = submission.dropout(x, 0.6, True, _gen(device, 11))
    _require(out.requires_grad, "the output is not connected to x in the autograd graph")
    out.sum().backward()
    _, keep = _expected(x.detach(), 0.6, 11)
    assert_close(x.grad, keep.to(x.dtype) / 0.4, name="d sum(out) / dx",
                 context="p = 0.6: the gradient is mask / (1 - p)")


def test_keeps_dtype(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    x = torch.randn(5, 6, dtype=torch.float64, generator=torch.Generator().manual_seed(8)).to(device)
    out = submission.dropout(x, 0.5, True, _gen(device, 3))
    want, _ = _expected(x, 0.5, 3)
    assert_close(out, want, name="output",
                 context="float64 input: draw the mask with the default dtype as specified, "
                         "keep the output float64")


def bench_case(device):
    """Bench mode's input: a (1024, 1024) activation, p=0.1."""
    x = torch.randn(1024, 1024, generator=torch.Generator().manual_seed(10)).to(device)
    return "dropout", (x, 0.1, True, _gen(device, 10)), {}
