import torch
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_close, assert_on_device


def _float_dtype(device):
    return torch.float32 if device == "mps" else torch.float64


def _reference_returns(rewards, gamma):
    """Double loop straight from the definition G_t = sum_{k>=t} gamma^(k-t) r_k."""
    T = len(rewards)
    return [sum(gamma ** (k - t) * rewards[k] for k in range(t, T)) for t in range(T)]


def test_tiny_example_by_hand(submission, device):
    log_probs = torch.tensor([-1.0, -2.0, -0.5], device=device)
    rewards = torch.tensor([1.0, 0.0, 2.0], device=device)
    loss = submission.reinforce_loss(log_probs, rewards, 0.5)
    assert_on_device(loss, device)
    assert_close(
        loss,
        torch.tensor(4.5, device=device),
        name="loss",
        context="rewards=[1, 0, 2], gamma=0.5 -> returns [1.5, 1, 2]; log_probs=[-1, -2, -0.5]",
    )
    baseline = torch.tensor([1.0, 1.0, 1.0], device=device)
    loss = submission.reinforce_loss(log_probs, rewards, 0.5, baseline)
    assert_close(
        loss,
        torch.tensor(1.0, device=device),
        name="loss with baseline",
        context="same episode, baseline=[1, 1, 1] -> G - b = [0.5, 0, 1]",
    )


def test_gradient_is_minus_advantage(submission, device):
    torch.manual_seed(0)
    rewards = torch.randn(6).to(device)
    log_probs = (-torch.rand(6)).to(device).requires_grad_()
    baseline = torch.randn(6).to(device)
    loss = submission.reinforce_loss(log_probs, rewards, 0.9, baseline)
    loss.backward()
    returns = torch.tensor(_reference_returns(rewards.tolist(), 0.9), device=device)
    assert_close(
        log_probs.grad,
        -(returns - baseline),
        name="d loss / d log_probs",
        context="the gradient for step t must be -(G_t - b_t) with gamma=0.9",
    )


def test_no_gradient_into_baseline(submission, device):
    torch.manual_seed(1)
    log_probs = (-torch.rand(5)).to(device).requires_grad_()
    rewards = torch.randn(5).to(device)
    baseline = torch.randn(5).to(device).requires_grad_()
    submission.reinforce_loss(log_probs, rewards, 0.99, baseline).backward()
    if baseline.grad is not None and float(baseline.grad.abs().max()) != 0.0:
        raise AssertionError(
            "the policy loss sent a gradient into the baseline "
            f"(baseline.grad = {[round(g, 4) for g in baseline.grad.tolist()]}); "
            "use baseline.detach(): the critic is trained by its own loss"
        )


def test_single_step_and_zero_discount(submission, device):
    log_probs = torch.tensor([-0.5, -1.5, -1.0], device=device)
    rewards = torch.tensor([3.0, -1.0, 2.0], device=device)
    loss = submission.reinforce_loss(log_probs, rewards, 0.0)
    assert_close(
        loss,
        torch.tensor(2.0, device=device),
        name="loss with gamma=0",
        context="gamma=0 means G_t = r_t: loss = -(-0.5*3 + -1.5*-1 + -1*2) = 2.0",
    )
    loss = submission.reinforce_loss(log_probs[:1], rewards[:1], 0.9)
    assert_close(loss, torch.tensor(1.5, device=device), name="loss for T=1")


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
@given(
    rewards=st.lists(st.floats(-5, 5, allow_nan=False), min_size=1, max_size=10),
    gamma=st.floats(0.0, 1.0),
    with_baseline=st.booleans(),
)
def test_matches_loop_reference(submission, device, rewards, gamma, with_baseline):
    dtype = _float_dtype(device)
    T = len(rewards)
    log_probs = -torch.linspace(0.1, 2.0, T, dtype=dtype).to(device)
    baseline_list = [0.5 * ((-1) ** t) for t in range(T)] if with_baseline else [0.0] * T
    baseline = torch.tensor(baseline_list, dtype=dtype, device=device) if with_baseline else None
    returns = _reference_returns(rewards, gamma)
    terms = zip(log_probs.tolist(), returns, baseline_list, strict=True)
    expected = -sum(lp * (g - b) for lp, g, b in terms)
    loss = submission.reinforce_loss(
        log_probs, torch.tensor(rewards, dtype=dtype, device=device), gamma, baseline
    )
    assert_close(
        loss,
        torch.tensor(expected, dtype=dtype, device=device),
        rtol=1e-5 if dtype == torch.float32 else 1e-9,
        atol=1e-4 if dtype == torch.float32 else 1e-9,
        name="loss",
        context=f"rewards={rewards}, gamma={gamma}, baseline={baseline_list if with_baseline else None}",
    )
