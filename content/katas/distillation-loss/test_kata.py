import math

import pytest
import torch
import torch.nn.functional as F

from desktop.katas.checks import assert_close, assert_on_device


def _require(condition, message):
    if not condition:
        raise AssertionError(message)


def _oracle(student, teacher, labels, t, alpha):
    soft = F.kl_div(F.log_softmax(student / t, dim=-1), F.log_softmax(teacher / t, dim=-1),
                    reduction="batchmean", log_target=True)
    return alpha * t * t * soft + (1 - alpha) * F.cross_entropy(student, labels)


def _inputs(device, n, c, seed, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    s = torch.randn(n, c, generator=gen, dtype=torch.float64) * 2
    t = torch.randn(n, c, generator=gen, dtype=torch.float64) * 3
    y = torch.randint(0, c, (n,), generator=gen)
    return s.to(device, dtype), t.to(device, dtype), y.to(device)


def _call(submission, s, t, y, temperature, alpha):
    loss = submission.distillation_loss(s, t, y, temperature, alpha)
    assert_on_device(loss, s.device.type, name="loss")
    _require(loss.dim() == 0, f"the loss must be a 0-dim tensor, got shape {tuple(loss.shape)}")
    return loss


def test_worked_example_from_prompt(submission, device):
    s = torch.tensor([[0.0, 0.0]], device=device)
    t = torch.tensor([[2.0, 0.0]], device=device)
    y = torch.tensor([0], device=device)
    p = 1 / (1 + math.exp(-1))
    kl = p * math.log(p / 0.5) + (1 - p) * math.log((1 - p) / 0.5)
    loss = _call(submission, s, t, y, 2.0, 1.0)
    assert_close(loss, torch.tensor(4 * kl, device=device), name="loss",
                 context="student [[0, 0]], teacher [[2, 0]], T = 2, alpha = 1: "
                         "T^2 * KL(softmax([1, 0]) || softmax([0, 0])) = 4 * 0.1109")


def test_alpha_zero_is_plain_cross_entropy(submission, device):
    s, t, y = _inputs(device, 5, 4, seed=1)
    loss = _call(submission, s, t, y, 3.0, 0.0)
    assert_close(loss, F.cross_entropy(s, y), name="loss",
                 context="alpha = 0: only the hard-label cross-entropy at temperature 1 remains")


def test_identical_models_have_zero_soft_loss(submission, device):
    s, _, y = _inputs(device, 4, 6, seed=2)
    loss = _call(submission, s, s.clone(), y, 2.5, 1.0)
    assert_close(loss, torch.tensor(0.0, device=device), atol=1e-5, name="loss",
                 context="student == teacher and alpha = 1: the KL term is 0")


def test_kl_direction_and_temperature(submission, device):
    s, t, y = _inputs(device, 6, 5, seed=3)
    for temperature in (1.0, 4.0):
        loss = _call(submission, s, t, y, temperature, 1.0)
        assert_close(loss, _oracle(s, t, y, temperature, 1.0), name="loss",
                     context=f"alpha = 1 (soft term only), T = {temperature}, N = 6, C = 5: "
                             "KL(teacher || student) with both softened by T, times T^2, "
                             "summed over classes and divided by N")


def test_matches_reference_mixed(submission, device):
    s, t, y = _inputs(device, 8, 10, seed=4)
    for temperature, alpha in ((2.0, 0.5), (5.0, 0.9), (0.5, 0.3)):
        loss = _call(submission, s, t, y, temperature, alpha)
        assert_close(loss, _oracle(s, t, y, temperature, alpha), name="loss",
                     context=f"T = {temperature}, alpha = {alpha}, N = 8, C = 10")


def test_gradient_with_respect_to_student(submission, device):
    s, t, y = _inputs(device, 4, 7, seed=5)
    mine = s.clone().requires_grad_(True)
    ref = s.clone().requires_grad_(True)
    loss = _call(submission, mine, t, y, 3.0, 0.7)
    _require(loss.requires_grad, "the loss is not connected to student_logits in the autograd graph")
    loss.backward()
    _oracle(ref, t, y, 3.0, 0.7).backward()
    assert_close(mine.grad, ref.grad, name="d loss / d student_logits",
                 context="T = 3, alpha = 0.7: the T^2 factor keeps the soft gradient on the "
                         "scale of the hard one")


def test_large_logits_are_stable(submission, device):
    s, t, y = _inputs(device, 4, 5, seed=6)
    s, t = s * 500, t * 500
    loss = _call(submission, s, t, y, 2.0, 0.5)
    _require(bool(torch.isfinite(loss)),
             f"loss is {loss.item()} for logits of size ~1e3; use log_softmax, not log(softmax)")
    assert_close(loss, _oracle(s, t, y, 2.0, 0.5), name="loss", context="logits scaled by 500")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    s, t, y = _inputs(device, 5, 3, seed=7, dtype=torch.float64)
    loss = _call(submission, s, t, y, 2.0, 0.4)
    assert_close(loss, _oracle(s, t, y, 2.0, 0.4), name="loss", context="float64 logits")


def bench_case(device):
    """Bench mode's input: 128 rows over 4096 classes, T=2, alpha=0.5."""
    s, t, y = _inputs(device, 128, 4096, seed=10)
    return "distillation_loss", (s, t, y, 2.0, 0.5), {}
