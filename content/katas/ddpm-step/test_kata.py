import math

import pytest
import torch

from desktop.katas.checks import assert_close, assert_on_device


def _schedule(device, dtype=torch.float32, T=1000):
    betas = torch.linspace(1e-4, 0.02, T, dtype=torch.float64)
    abar = torch.cumprod(1.0 - betas, dim=0)
    return betas.to(device=device, dtype=dtype), abar.to(device=device, dtype=dtype)


def _skip_float64_on_mps(device, dtype):
    if device == "mps" and dtype == torch.float64:
        pytest.skip("MPS has no float64")


def _reverse_loop(x_t, t, eps, betas, abar, noise):
    """Reference: one sample at a time with Python floats for the coefficients."""
    out = torch.empty_like(x_t)
    for i, ti in enumerate(t.tolist()):
        beta = float(betas[ti])
        ab = float(abar[ti])
        mean = (x_t[i] - beta / math.sqrt(1.0 - ab) * eps[i]) / math.sqrt(1.0 - beta)
        out[i] = mean + (math.sqrt(beta) * noise[i] if ti > 0 else 0.0)
    return out


def test_linear_beta_schedule(submission):
    betas = submission.linear_beta_schedule(5, beta_start=0.1, beta_end=0.5)
    assert_close(
        betas,
        torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5], dtype=torch.float64),
        name="linear_beta_schedule(5, 0.1, 0.5)",
        context="T values from beta_start to beta_end, both endpoints included, float64",
    )
    default = submission.linear_beta_schedule(1000)
    assert_close(
        default,
        torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64),
        name="linear_beta_schedule(1000)",
    )


def test_q_sample_tiny_by_hand(submission, device):
    abar = torch.tensor([0.64, 0.36], device=device)
    x0 = torch.tensor([[1.0, 2.0], [1.0, 2.0]], device=device)
    noise = torch.tensor([[1.0, -1.0], [1.0, -1.0]], device=device)
    t = torch.tensor([1, 0], device=device)
    out = submission.q_sample(x0, t, noise, abar)
    expected = torch.tensor([[0.6 * 1 + 0.8 * 1, 0.6 * 2 - 0.8], [0.8 + 0.6, 1.6 - 0.6]], device=device)
    assert_close(
        out,
        expected,
        name="q_sample",
        context="alphas_cumprod=[0.64, 0.36], x0=[1, 2], noise=[1, -1], t=[1, 0]: "
        "row 0 is 0.6*x0 + 0.8*noise, row 1 is 0.8*x0 + 0.6*noise",
    )


def test_q_sample_per_sample_timesteps_broadcast(submission, device):
    torch.manual_seed(0)
    _, abar = _schedule(device)
    x0 = torch.randn(4, 3, 5, 5).to(device)
    noise = torch.randn(4, 3, 5, 5).to(device)
    t = torch.tensor([0, 10, 500, 999], device=device)
    out = submission.q_sample(x0, t, noise, abar)
    assert_on_device(out, device)
    expected = torch.stack(
        [math.sqrt(float(abar[ti])) * x0[i] + math.sqrt(1 - float(abar[ti])) * noise[i]
         for i, ti in enumerate(t.tolist())]
    )
    assert_close(
        out, expected, name="x_t", context="x0 of shape (4, 3, 5, 5), t = [0, 10, 500, 999]"
    )


def test_q_sample_keeps_unit_variance(submission, device):
    torch.manual_seed(1)
    _, abar = _schedule(device)
    x0 = torch.randn(4, 20000).to(device)
    noise = torch.randn(4, 20000).to(device)
    t = torch.tensor([100, 300, 600, 900], device=device)
    out = submission.q_sample(x0, t, noise, abar)
    assert_close(
        out.var(dim=1),
        torch.ones(4, device=device),
        atol=0.05,
        rtol=0.0,
        name="per-sample variance of x_t",
        context="unit-variance x0 and noise must give unit-variance x_t at every t "
        "(the coefficients are square roots)",
    )


def test_p_sample_tiny_by_hand(submission, device):
    betas = torch.tensor([0.36, 0.4375], device=device)
    abar = torch.tensor([0.64, 0.36], device=device)
    x_t = torch.tensor([[1.4, 0.4]], device=device)
    eps = torch.tensor([[1.0, -1.0]], device=device)
    noise = torch.tensor([[0.5, 2.0]], device=device)
    out = submission.p_sample_step(x_t, torch.tensor([1], device=device), eps, betas, abar, noise)
    sigma = math.sqrt(0.4375)
    mean = [(1.4 - 0.4375 / 0.8 * 1.0) / 0.75, (0.4 + 0.4375 / 0.8) / 0.75]
    expected = torch.tensor([[mean[0] + sigma * 0.5, mean[1] + sigma * 2.0]], device=device)
    assert_close(
        out,
        expected,
        name="x_{t-1}",
        context="betas=[0.36, 0.4375], alphas_cumprod=[0.64, 0.36], t=1, x_t=[1.4, 0.4], "
        "eps=[1, -1], noise=[0.5, 2]: mean = (x_t - 0.4375/sqrt(1-0.36) * eps) / sqrt(0.5625), "
        "plus sqrt(0.4375) * noise",
    )


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_p_sample_matches_reference(submission, device, dtype):
    _skip_float64_on_mps(device, dtype)
    torch.manual_seed(2)
    betas, abar = _schedule(device, dtype)
    x_t = torch.randn(5, 2, 4, 4, dtype=dtype).to(device)
    eps = torch.randn(5, 2, 4, 4, dtype=dtype).to(device)
    noise = torch.randn(5, 2, 4, 4, dtype=dtype).to(device)
    t = torch.tensor([999, 0, 500, 1, 37], device=device)
    out = submission.p_sample_step(x_t, t, eps, betas, abar, noise)
    assert_on_device(out, device)
    assert_close(
        out,
        _reverse_loop(x_t, t, eps, betas, abar, noise),
        name="x_{t-1}",
        context=f"batch of 5 with t = [999, 0, 500, 1, 37], dtype {dtype}",
    )


def test_no_noise_at_last_step(submission, device):
    torch.manual_seed(3)
    betas, abar = _schedule(device)
    x_t = torch.randn(3, 6).to(device)
    eps = torch.randn(3, 6).to(device)
    t = torch.tensor([0, 0, 0], device=device)
    a = submission.p_sample_step(x_t, t, eps, betas, abar, torch.randn(3, 6).to(device))
    b = submission.p_sample_step(x_t, t, eps, betas, abar, 100 * torch.randn(3, 6).to(device))
    assert_close(
        a, b, name="output at t == 0", context="at t == 0 the output must not depend on the noise"
    )


def test_t0_step_inverts_forward_with_true_noise(submission, device):
    torch.manual_seed(4)
    betas, abar = _schedule(device, T=50)
    x0 = torch.randn(4, 8).to(device)
    eps = torch.randn(4, 8).to(device)
    t = torch.zeros(4, dtype=torch.long, device=device)
    x_t = submission.q_sample(x0, t, eps, abar)
    out = submission.p_sample_step(x_t, t, eps, betas, abar, torch.randn(4, 8).to(device))
    assert_close(
        out,
        x0,
        name="p_sample_step(q_sample(x0, 0, eps), 0, eps)",
        context="at t = 0, alphas_cumprod[0] = alpha_0, so denoising with the true noise "
        "must give back x0 exactly",
    )
