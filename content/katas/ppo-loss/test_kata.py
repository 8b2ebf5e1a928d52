import math

import pytest
import torch

from desktop.katas.checks import assert_close, assert_on_device


def _reference(new, old, adv, eps, kl_coef):
    ratio = torch.exp(new - old)
    objective = torch.minimum(ratio * adv, torch.clamp(ratio, 1 - eps, 1 + eps) * adv)
    return -objective.mean() + kl_coef * (old - new).mean()


def _example(device):
    new = torch.log(torch.tensor([1.5, 0.5, 1.5, 0.5], device=device))
    old = torch.zeros(4, device=device)
    adv = torch.tensor([1.0, 1.0, -1.0, -1.0], device=device)
    return new, old, adv


EXAMPLE = ("ratios r=[1.5, 0.5, 1.5, 0.5] (old_log_probs=0), advantages=[1, 1, -1, -1], "
           "clip_eps=0.2: per-sample min(r*A, clip(r)*A) = [1.2, 0.5, -1.5, -0.8]")


def test_tiny_example_by_hand(submission, device):
    new, old, adv = _example(device)
    loss = submission.ppo_loss(new, old, adv, 0.2)
    assert_on_device(loss, device)
    assert_close(loss, torch.tensor(0.15, device=device), name="loss", context=EXAMPLE)


def test_kl_penalty_by_hand(submission, device):
    new, old, adv = _example(device)
    loss = submission.ppo_loss(new, old, adv, 0.2, kl_coef=0.1)
    kl = -(2 * math.log(1.5) + 2 * math.log(0.5)) / 4
    assert_close(
        loss,
        torch.tensor(0.15 + 0.1 * kl, device=device),
        name="loss with kl_coef=0.1",
        context=EXAMPLE + f"; KL term = 0.1 * mean(old - new) = 0.1 * {kl:.5f}",
    )


def test_gradient_matches_reference_and_vanishes_when_clipped(submission, device):
    new, old, adv = _example(device)
    new = new.clone().requires_grad_()
    submission.ppo_loss(new, old, adv, 0.2).backward()
    # d/d new of -(1/4) * r * A is -(1/4) * r * A where the unclipped branch is the minimum.
    expected = torch.tensor([0.0, -0.5 / 4, 1.5 / 4, 0.0], device=device)
    assert_close(
        new.grad,
        expected,
        name="d loss / d new_log_probs",
        context=EXAMPLE + ": samples 0 and 3 are clipped (zero gradient), samples 1 and 2 "
        "get -r*A/N",
    )


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_matches_reference_on_random_batch(submission, device, dtype):
    if device == "mps" and dtype == torch.float64:
        pytest.skip("MPS has no float64")
    torch.manual_seed(0)
    old = (-torch.rand(64, dtype=dtype) * 3).to(device)
    new = (old + 0.4 * torch.randn(64, dtype=dtype).to(device)).requires_grad_()
    adv = torch.randn(64, dtype=dtype).to(device)
    loss = submission.ppo_loss(new, old, adv, 0.15, kl_coef=0.05)
    assert_on_device(loss, device)
    new_ref = new.detach().clone().requires_grad_()
    expected = _reference(new_ref, old, adv, 0.15, 0.05)
    assert_close(loss, expected.detach(), name="loss", context=f"64 samples, clip_eps=0.15, "
                 f"kl_coef=0.05, dtype {dtype}")
    loss.backward()
    expected.backward()
    assert_close(new.grad, new_ref.grad, name="d loss / d new_log_probs")


def test_same_policy_gives_minus_mean_advantage(submission, device):
    torch.manual_seed(1)
    old = -torch.rand(10).to(device)
    adv = torch.randn(10).to(device)
    loss = submission.ppo_loss(old.clone(), old, adv, 0.2, kl_coef=1.0)
    assert_close(
        loss,
        -adv.mean(),
        name="loss when new == old",
        context="identical policies: ratio 1, no clipping, KL estimate 0, so loss = -mean(A)",
    )
