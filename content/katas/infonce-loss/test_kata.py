import math

import pytest
import torch
import torch.nn.functional as F

from desktop.katas.checks import assert_close, assert_on_device


def _require(condition, message):
    if not condition:
        raise AssertionError(message)


def _oracle(z1, z2, temperature):
    logits = F.normalize(z1, dim=-1) @ F.normalize(z2, dim=-1).T / temperature
    targets = torch.arange(z1.shape[0], device=z1.device)
    return (F.cross_entropy(logits, targets) + F.cross_entropy(logits.T, targets)) / 2


def _inputs(device, n, d, seed, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    z1 = torch.randn(n, d, generator=gen, dtype=torch.float64) * 3
    z2 = z1 + torch.randn(n, d, generator=gen, dtype=torch.float64) * 2  # noisy positives
    return z1.to(device, dtype), z2.to(device, dtype)


def _call(submission, z1, z2, temperature):
    loss = submission.info_nce(z1, z2, temperature)
    assert_on_device(loss, z1.device.type, name="loss")
    _require(loss.dim() == 0, f"the loss must be a 0-dim tensor, got shape {tuple(loss.shape)}")
    return loss


def test_worked_example_from_prompt(submission, device):
    z1 = torch.tensor([[1.0, 0.0], [0.0, 1.0]], device=device)
    z2 = torch.tensor([[2.0, 0.0], [0.0, 3.0]], device=device)
    loss = _call(submission, z1, z2, 0.5)
    assert_close(loss, torch.tensor(math.log(1 + math.exp(-2)), device=device), name="loss",
                 context="z1 = [[1, 0], [0, 1]], z2 = [[2, 0], [0, 3]], temperature = 0.5: after "
                         "normalisation logits = [[2, 0], [0, 2]], each row costs log(1 + e^-2)")


def test_asymmetric_tiny_example(submission, device):
    z1 = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]], device=device)
    z2 = torch.tensor([[1.0, 0.2], [0.0, 1.0], [-1.0, 1.0]], device=device)
    loss = _call(submission, z1, z2, 1.0)
    assert_close(loss, _oracle(z1, z2, 1.0), name="loss",
                 context="z1 = [[1, 0], [1, 1], [0, 1]], z2 = [[1, 0.2], [0, 1], [-1, 1]], T = 1: "
                         "the row-wise and column-wise cross-entropies differ, average both")


def test_matches_reference(submission, device):
    z1, z2 = _inputs(device, 8, 16, seed=1)
    for temperature in (0.07, 0.5):
        loss = _call(submission, z1, z2, temperature)
        assert_close(loss, _oracle(z1, z2, temperature), name="loss",
                     context=f"N = 8, D = 16, temperature = {temperature}")


def test_invariant_to_embedding_scale(submission, device):
    z1, z2 = _inputs(device, 6, 5, seed=2)
    scales = torch.tensor([0.1, 1.0, 7.0, 0.5, 3.0, 20.0], device=device)[:, None]
    base = _call(submission, z1, z2, 0.2)
    scaled = _call(submission, z1 * scales, z2 * scales.flip(0), 0.2)
    assert_close(scaled, base, name="loss with rescaled rows",
                 context="every embedding is L2-normalised, so multiplying rows of z1 and z2 by "
                         "positive factors must not change the loss")


def test_perfect_alignment_low_temperature(submission, device):
    z = torch.eye(4, device=device) * 5
    loss = _call(submission, z, z.clone(), 0.05)
    _require(float(loss) < 1e-6,
             f"loss {float(loss):.3g} for identical orthogonal pairs at temperature 0.05; "
             "expected about 3 * e^-20 (logits are 20 on the diagonal, 0 elsewhere)")


def test_gradients_match_reference(submission, device):
    z1, z2 = _inputs(device, 5, 4, seed=3)
    a1, a2 = z1.clone().requires_grad_(True), z2.clone().requires_grad_(True)
    b1, b2 = z1.clone().requires_grad_(True), z2.clone().requires_grad_(True)
    loss = _call(submission, a1, a2, 0.1)
    _require(loss.requires_grad, "the loss is not connected to the inputs in the autograd graph")
    loss.backward()
    _oracle(b1, b2, 0.1).backward()
    assert_close(a1.grad, b1.grad, name="d loss / d z1", context="N = 5, D = 4, temperature = 0.1")
    assert_close(a2.grad, b2.grad, name="d loss / d z2", context="N = 5, D = 4, temperature = 0.1")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    z1, z2 = _inputs(device, 7, 3, seed=4, dtype=torch.float64)
    loss = _call(submission, z1, z2, 0.3)
    assert_close(loss, _oracle(z1, z2, 0.3), name="loss", context="float64, N = 7, D = 3")


def test_single_pair_has_zero_loss(submission, device):
    z1 = torch.tensor([[0.3, -2.0, 1.0]], device=device)
    z2 = torch.tensor([[5.0, 1.0, 0.0]], device=device)
    loss = _call(submission, z1, z2, 0.1)
    assert_close(loss, torch.tensor(0.0, device=device), atol=1e-6, name="loss",
                 context="N = 1: the only candidate is the positive, so both cross-entropies are 0")


def bench_case(device):
    """Bench mode's input: a batch of 1024 pairs of 256-d embeddings, temperature 0.07."""
    z1, z2 = _inputs(device, 1024, 256, seed=10)
    return "info_nce", (z1, z2, 0.07), {}
