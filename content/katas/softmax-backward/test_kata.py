import pytest
import torch

from desktop.katas.checks import assert_close, assert_on_device


def _autograd(x, grad_y):
    x = x.detach().clone().requires_grad_(True)
    y = torch.softmax(x, dim=-1)
    (grad_x,) = torch.autograd.grad(y, x, grad_y)
    return y.detach(), grad_x


def _random(device, *shape, seed=0, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(*shape, generator=gen, dtype=torch.float64) * 2
    g = torch.randn(*shape, generator=gen, dtype=torch.float64)
    return x.to(device=device, dtype=dtype), g.to(device=device, dtype=dtype)


def test_tiny_example_by_hand(submission, device):
    y = torch.tensor([[0.5, 0.5]], device=device)
    grad_y = torch.tensor([[1.0, 0.0]], device=device)
    grad_x = submission.softmax_backward(y, grad_y)
    expected = torch.tensor([[0.25, -0.25]], device=device)
    assert_close(grad_x, expected, name="grad_x",
                 context="y = softmax([0, 0]) = [0.5, 0.5], grad_y = [1, 0]; "
                         "s = sum(grad_y * y) = 0.5, grad_x = y * (grad_y - s)")


def test_one_row_of_three(submission, device):
    x = torch.tensor([[1.0, 2.0, 3.0]], device=device)
    grad_y = torch.tensor([[0.0, 0.0, 1.0]], device=device)
    y, expected = _autograd(x, grad_y)
    grad_x = submission.softmax_backward(y, grad_y)
    assert_close(grad_x, expected, name="grad_x",
                 context="x = [1, 2, 3], grad_y = [0, 0, 1] (dL/dx of y[2]); "
                         "off-diagonal Jacobian terms -y_i*y_j matter here")


def test_matches_autograd_batched(submission, device):
    x, grad_y = _random(device, 2, 3, 7, seed=1)
    y, expected = _autograd(x, grad_y)
    grad_x = submission.softmax_backward(y, grad_y)
    assert_on_device(grad_x, device, name="grad_x")
    assert_close(grad_x, expected, name="grad_x",
                 context="y, grad_y of shape (2, 3, 7); softmax over the last dim")


def test_non_square_rows_are_independent(submission, device):
    # Shape (3, 5): a reduction over dim 0 instead of dim -1 broadcasts silently.
    x, grad_y = _random(device, 3, 5, seed=2)
    y, expected = _autograd(x, grad_y)
    grad_x = submission.softmax_backward(y, grad_y)
    assert_close(grad_x, expected, name="grad_x",
                 context="y, grad_y of shape (3, 5); each row must only use its own values")


def test_rows_of_grad_x_sum_to_zero(submission, device):
    x, grad_y = _random(device, 4, 6, seed=3)
    y = torch.softmax(x, dim=-1)
    grad_x = submission.softmax_backward(y, grad_y)
    assert_close(grad_x.sum(dim=-1), torch.zeros(4, device=device), atol=1e-5,
                 name="grad_x.sum(-1)",
                 context="softmax(x + c) = softmax(x), so dL/dx must sum to zero over each row")


def test_constant_upstream_gradient_gives_zero(submission, device):
    x, _ = _random(device, 3, 4, seed=4)
    y = torch.softmax(x, dim=-1)
    grad_y = torch.full((3, 4), 2.5, device=device)
    grad_x = submission.softmax_backward(y, grad_y)
    assert_close(grad_x, torch.zeros(3, 4, device=device), atol=1e-5, name="grad_x",
                 context="grad_y = 2.5 everywhere: L = 2.5 * sum(y) = 2.5 is constant, "
                         "so dL/dx = 0")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    x, grad_y = _random(device, 5, 9, seed=5, dtype=torch.float64)
    y, expected = _autograd(x, grad_y)
    grad_x = submission.softmax_backward(y, grad_y)
    assert_close(grad_x, expected, name="grad_x", context="float64 inputs of shape (5, 9)")


def bench_case(device):
    """Bench mode's input: softmax outputs and upstream gradients of shape (32, 256, 512)."""
    x, grad_y = _random(device, 32, 256, 512, seed=10)
    return "softmax_backward", (torch.softmax(x, dim=-1), grad_y), {}
