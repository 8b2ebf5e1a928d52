import math

import pytest
import torch
import torch.nn.functional as F

from desktop.katas.checks import assert_close, assert_on_device


def _t(values, device, dtype=torch.float32):
    return torch.tensor(values, dtype=dtype, device=device)


def test_tiny_example_by_hand(submission, device):
    loss, chosen, rejected = submission.dpo_loss(
        _t([-1.0], device), _t([-3.0], device), _t([-2.0], device), _t([-2.0], device), 0.1
    )
    context = ("pc=[-1], pr=[-3], rc=[-2], rr=[-2], beta=0.1: log-ratios 1 and -1, "
               "logit 0.1 * (1 - (-1)) = 0.2")
    assert_on_device(loss, device, name="loss")
    assert_close(loss, _t(math.log1p(math.exp(-0.2)), device), name="loss", context=context)
    assert_close(chosen, _t([0.1], device), name="chosen_rewards", context=context)
    assert_close(rejected, _t([-0.1], device), name="rejected_rewards", context=context)


def test_reference_model_terms_count(submission, device):
    # Same policy log-probs, different reference: the loss must change.
    pc, pr = _t([-5.0, -4.0], device), _t([-6.0, -4.5], device)
    rc, rr = _t([-3.0, -4.0], device), _t([-7.0, -4.0], device)
    loss, _, _ = submission.dpo_loss(pc, pr, rc, rr, 0.5)
    logits = [0.5 * ((-5 + 3) - (-6 + 7)), 0.5 * ((-4 + 4) - (-4.5 + 4))]
    expected = sum(math.log1p(math.exp(-x)) for x in logits) / 2
    assert_close(
        loss,
        _t(expected, device),
        name="loss",
        context="pc=[-5, -4], pr=[-6, -4.5], rc=[-3, -4], rr=[-7, -4], beta=0.5: "
        f"logits {logits}; the reference log-probs enter the logits",
    )


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_matches_reference_and_gradients(submission, device, dtype):
    if device == "mps" and dtype == torch.float64:
        pytest.skip("MPS has no float64")
    torch.manual_seed(0)
    pc = (-torch.rand(16, dtype=dtype) * 50).to(device).requires_grad_()
    pr = (-torch.rand(16, dtype=dtype) * 50).to(device).requires_grad_()
    rc = (pc.detach() + torch.randn(16, dtype=dtype).to(device) * 3)
    rr = (pr.detach() + torch.randn(16, dtype=dtype).to(device) * 3)
    loss, chosen, rejected = submission.dpo_loss(pc, pr, rc, rr, 0.2)
    assert_on_device(loss, device, name="loss")
    pc2, pr2 = pc.detach().clone().requires_grad_(), pr.detach().clone().requires_grad_()
    expected = -F.logsigmoid(0.2 * ((pc2 - rc) - (pr2 - rr))).mean()
    assert_close(loss, expected.detach(), name="loss", context=f"batch of 16, beta=0.2, {dtype}")
    assert_close(chosen, 0.2 * (pc - rc).detach(), name="chosen_rewards")
    assert_close(rejected, 0.2 * (pr - rr).detach(), name="rejected_rewards")
    loss.backward()
    expected.backward()
    assert_close(pc.grad, pc2.grad, name="d loss / d policy_chosen_logps")
    assert_close(pr.grad, pr2.grad, name="d loss / d policy_rejected_logps")


def test_rewards_are_detached(submission, device):
    pc = _t([-2.0, -1.0], device).requires_grad_()
    pr = _t([-3.0, -1.5], device).requires_grad_()
    loss, chosen, rejected = submission.dpo_loss(pc, pr, _t([-2.5, -1.0], device),
                                                 _t([-2.5, -1.0], device), 0.1)
    for name, value in (("chosen_rewards", chosen), ("rejected_rewards", rejected)):
        if value.requires_grad:
            raise AssertionError(
                f"{name} requires grad: the logging rewards must be detached from the graph "
                "(compute them from .detach()-ed log-probs)"
            )
    if not loss.requires_grad:
        raise AssertionError("the loss has no gradient: it must stay differentiable in the policy")


def test_extreme_logits_stay_finite(submission, device):
    pc, pr = _t([-2000.0, 0.0], device), _t([0.0, -2000.0], device)
    zeros = _t([0.0, 0.0], device)
    loss, _, _ = submission.dpo_loss(pc, pr, zeros, zeros, 1.0)
    assert_close(
        loss,
        _t(1000.0, device),
        name="loss",
        context="logits -2000 and +2000 (beta=1): per-pair losses 2000 and 0, mean 1000; "
        "log(sigmoid(-2000)) is log(0) = -inf in floating point, use F.logsigmoid",
    )
