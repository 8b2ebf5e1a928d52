import copy

import pytest
import torch
import torch.nn as nn

from desktop.katas.checks import assert_close, assert_on_device


def _require(condition, message):
    if not condition:
        raise AssertionError(message)


def _params(device, *grads, dtype=torch.float32):
    params = []
    for g in grads:
        p = torch.zeros(len(g), device=device, dtype=dtype, requires_grad=True)
        p.grad = torch.tensor(g, device=device, dtype=dtype)
        params.append(p)
    return params


def _check_norm(total, expected, device, context):
    _require(isinstance(total, torch.Tensor),
             f"return the total norm as a 0-dim tensor, got {type(total).__name__}")
    _require(total.dim() == 0, f"the returned norm must be 0-dim, got shape {tuple(total.shape)}")
    assert_on_device(total, device, name="returned norm")
    assert_close(total.detach(), torch.tensor(expected, device=device, dtype=total.dtype),
                 name="returned norm", context=context)


def test_single_gradient_by_hand(submission, device):
    (p,) = _params(device, [3.0, 4.0])
    total = submission.clip_grad_norm([p], 1.0)
    context = "one gradient [3, 4] (norm 5), max_norm = 1"
    _check_norm(total, 5.0, device, context)
    assert_close(p.grad, torch.tensor([0.6, 0.8], device=device), name="clipped grad",
                 context=context + ": scale by 1 / (5 + 1e-6)")


def test_norm_is_global_over_all_parameters(submission, device):
    a, b = _params(device, [3.0], [4.0])
    total = submission.clip_grad_norm([a, b], 1.0)
    context = ("gradients [3] and [4]: ONE norm over both, sqrt(9 + 16) = 5, so both are "
               "scaled by 1/5; clipping each on its own would give [1] and [1]")
    _check_norm(total, 5.0, device, context)
    assert_close(a.grad, torch.tensor([0.6], device=device), name="first grad", context=context)
    assert_close(b.grad, torch.tensor([0.8], device=device), name="second grad", context=context)


def test_small_gradients_are_left_alone(submission, device):
    a, b = _params(device, [0.3], [0.4])
    total = submission.clip_grad_norm([a, b], 1.0)
    context = "gradients [0.3] and [0.4] (norm 0.5) with max_norm = 1: nothing to clip"
    _check_norm(total, 0.5, device, context)
    assert_close(a.grad, torch.tensor([0.3], device=device), name="first grad", context=context)
    assert_close(b.grad, torch.tensor([0.4], device=device), name="second grad", context=context)


def test_returns_norm_before_clipping(submission, device):
    (p,) = _params(device, [6.0, 8.0, 0.0])
    total = submission.clip_grad_norm([p], 2.0)
    _check_norm(total, 10.0, device,
                "gradient [6, 8, 0] (norm 10), max_norm = 2: return 10, the norm before "
                "clipping (the clipped gradient has norm 2)")


def test_matches_pytorch_on_a_model_with_a_generator(submission, device):
    torch.manual_seed(0)
    model = nn.ModuleDict({
        "mlp": nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)),
        "unused": nn.Linear(2, 2),  # not used in the forward pass: its grads stay None
    }).to(device)
    x = torch.randn(16, 4).to(device)
    (model["mlp"](x) ** 2).sum().backward()
    reference = copy.deepcopy(model)
    for p, q in zip(model.parameters(), reference.parameters()):
        q.grad = None if p.grad is None else p.grad.clone()
    want = nn.utils.clip_grad_norm_(reference.parameters(), 0.5)
    total = submission.clip_grad_norm(model.parameters(), 0.5)
    context = ("a 4-8-3 MLP, max_norm = 0.5, parameters passed as model.parameters() "
               "(a generator: it can be iterated only once), one Linear with grad None")
    _check_norm(total, float(want), device, context)
    for (name, p), q in zip(model.named_parameters(), reference.parameters()):
        if q.grad is None:
            _require(p.grad is None, f"{name}.grad was None and must stay None")
            continue
        assert_close(p.grad, q.grad, name=f"{name}.grad", context=context)


def test_no_gradients_at_all(submission, device):
    p = torch.zeros(3, device=device, requires_grad=True)
    total = submission.clip_grad_norm([p], 1.0)
    _require(isinstance(total, torch.Tensor) and float(total) == 0.0,
             f"with no gradients the total norm is 0, got {total!r}")
    _require(p.grad is None, "a parameter without a gradient must keep grad None")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    gen = torch.Generator().manual_seed(1)
    grads = [torch.randn(n, generator=gen, dtype=torch.float64).tolist() for n in (5, 3, 7)]
    mine = _params(device, *grads, dtype=torch.float64)
    ref = _params(device, *grads, dtype=torch.float64)
    want = nn.utils.clip_grad_norm_(ref, 1.5)
    total = submission.clip_grad_norm(mine, 1.5)
    _check_norm(total, float(want), device, "float64 gradients of sizes 5, 3, 7, max_norm = 1.5")
    for i, (p, q) in enumerate(zip(mine, ref)):
        assert_close(p.grad, q.grad, name=f"grad {i}", context="float64, max_norm = 1.5")
