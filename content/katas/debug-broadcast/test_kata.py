"""Hidden tests for the debug-broadcast kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import pytest
import torch
import torch.nn.functional as F

from desktop.katas.checks import assert_close, assert_on_device


def _loss(submission, pred, target, weight=None):
    loss = submission.weighted_mse(pred, target, weight)
    assert torch.is_tensor(loss) and loss.dim() == 0, (
        f"weighted_mse must return a 0-dim tensor, got "
        f"{tuple(loss.shape) if torch.is_tensor(loss) else type(loss).__name__}"
    )
    assert_on_device(loss, pred.device.type, name="loss")
    return loss


def _rand(device, *shape, seed, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(*shape, generator=g, dtype=dtype).to(device)


def test_tiny_example_by_hand(submission, device):
    pred = torch.tensor([[1.0], [2.0]], device=device)
    target = torch.tensor([1.0, 4.0], device=device)
    assert_close(
        _loss(submission, pred, target),
        torch.tensor(2.0, device=device),
        name="loss",
        context="pred [[1], [2]] (N, 1), target [1, 4] (N,): errors 0 and -2, mean of "
        "squares 2.0 (a result of 3.5 means every prediction was compared with every "
        "target)",
    )


@pytest.mark.parametrize("n", [1, 7])
def test_matches_mse_of_matching_shapes(submission, device, n):
    pred = _rand(device, n, 1, seed=n)
    target = _rand(device, n, seed=n + 10)
    assert_close(
        _loss(submission, pred, target),
        F.mse_loss(pred.squeeze(-1), target),
        name=f"loss for N={n}",
        context="pred (N, 1), target (N,)",
    )


def test_flat_predictions(submission, device):
    pred = _rand(device, 6, seed=1)
    target = _rand(device, 6, seed=2)
    assert_close(
        _loss(submission, pred, target),
        F.mse_loss(pred, target),
        name="loss for pred (N,)",
        context="pred and target both (6,)",
    )


def test_weighted(submission, device):
    pred = _rand(device, 5, 1, seed=3)
    target = _rand(device, 5, seed=4)
    weight = torch.tensor([1.0, 0.0, 2.0, 0.5, 3.0], device=device)
    expected = (weight * (pred.squeeze(-1) - target) ** 2).sum() / weight.sum()
    assert_close(
        _loss(submission, pred, target, weight),
        expected,
        name="weighted loss",
        context="pred (5, 1), target (5,), weight [1, 0, 2, 0.5, 3]: "
        "sum_i w_i (pred_i - target_i)^2 / sum_i w_i",
    )


def test_gradient_has_pred_shape_and_values(submission, device):
    pred = _rand(device, 4, 1, seed=5).requires_grad_(True)
    target = _rand(device, 4, seed=6)
    _loss(submission, pred, target).backward()
    expected = 2 * (pred.detach().squeeze(-1) - target)[:, None] / 4
    assert pred.grad is not None, "no gradient reached pred"
    assert_close(
        pred.grad,
        expected,
        name="d loss / d pred",
        context="d/d pred_i of mean (pred_i - target_i)^2 is 2 (pred_i - target_i) / N, "
        "shape (N, 1) like pred",
    )


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    pred = _rand(device, 3, 1, seed=7, dtype=torch.float64)
    target = _rand(device, 3, seed=8, dtype=torch.float64)
    assert_close(
        _loss(submission, pred, target), F.mse_loss(pred.squeeze(-1), target), name="loss (float64)"
    )


def test_linear_regression_recovers_weights(submission, device):
    torch.manual_seed(0)
    x = torch.randn(64, 3)
    true_w = torch.tensor([2.0, -1.0, 0.5])
    y = x @ true_w + 0.3
    x, y = x.to(device), y.to(device)
    model = torch.nn.Linear(3, 1).to(device)
    for _ in range(300):
        model.zero_grad()
        submission.weighted_mse(model(x), y).backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= 0.1 * p.grad
    assert_close(
        model.weight.detach().reshape(-1),
        true_w.to(device),
        name="learned weights",
        rtol=0,
        atol=0.05,
        context="300 steps of gradient descent on y = x @ [2, -1, 0.5] + 0.3 with this loss; "
        "weights near 0 mean the model only learned the mean of the targets",
    )
