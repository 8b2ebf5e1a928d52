"""Hidden tests for the debug-flat-validation kata.

PYTEST_DONT_REWRITE: plain asserts report only their own message.
"""

import torch
import torch.nn.functional as F
from torch import nn

from desktop.katas.checks import assert_close, assert_equal


class SharedLog(list):
    """A log that model copies share: deepcopy returns the same list."""

    def __deepcopy__(self, memo):
        return self


class ModeProbe(nn.Module):
    """Records (training mode, grad enabled) of every forward pass through it."""

    def __init__(self, log):
        super().__init__()
        self.log = log

    def forward(self, x):
        self.log.append((self.training, torch.is_grad_enabled()))
        return x


def _data(device, n_train, n_val, batch, d_in, seed):
    g = torch.Generator().manual_seed(seed)
    w = torch.randn(d_in, 1, generator=g)

    def batches(n):
        out = []
        for _ in range(n):
            x = torch.randn(batch, d_in, generator=g)
            out.append(
                (x.to(device), (x @ w + 0.1 * torch.randn(batch, 1, generator=g)).to(device))
            )
        return out

    return batches(n_train), batches(n_val)


def _reference_fit(model, train_batches, val_batches, epochs, lr):
    """The intended behaviour, for a model without dropout."""
    train_losses, val_losses = [], []
    for _ in range(epochs):
        running = 0.0
        for x, y in train_batches:
            model.zero_grad()
            loss = F.mse_loss(model(x), y)
            loss.backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= lr * p.grad
            running += loss.item()
        train_losses.append(running / len(train_batches))
        with torch.no_grad():
            val_losses.append(
                sum(F.mse_loss(model(x), y).item() for x, y in val_batches) / len(val_batches)
            )
    return train_losses, val_losses


def _plain_model(device, seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 1)).to(device)


def _as_floats(name, values, epochs):
    assert isinstance(values, (list, tuple)) and len(values) == epochs, (
        f"{name} must be a list with one value per epoch ({epochs}), got {values!r}"
    )
    return [float(v) for v in values]


def test_tiny_example_by_hand(submission, device):
    train, val = _data(device, 2, 1, 8, 4, seed=0)
    model = _plain_model(device, seed=1)
    reference = _plain_model(device, seed=1)
    exp_train, exp_val = _reference_fit(reference, train, val, 3, 0.1)
    got_train, got_val = submission.fit(model, train, val, 3, 0.1)
    got_val = _as_floats("val_losses", got_val, 3)
    context = (
        "a 4-16-1 tanh network without dropout, 2 training batches and 1 validation batch of "
        "8, 3 epochs of SGD with lr 0.1: val_losses[e] is the loss of the model at the end "
        "of epoch e"
    )
    assert_close(
        torch.tensor(got_val, dtype=torch.float64),
        torch.tensor(exp_val, dtype=torch.float64),
        name="val_losses",
        context=context,
        rtol=1e-4,
        atol=1e-6,
    )
    assert_close(
        torch.tensor(_as_floats("train_losses", got_train, 3), dtype=torch.float64),
        torch.tensor(exp_train, dtype=torch.float64),
        name="train_losses",
        context=context,
        rtol=1e-4,
        atol=1e-6,
    )


def test_validation_tracks_training_over_epochs(submission, device):
    train, val = _data(device, 4, 2, 16, 4, seed=2)
    model = _plain_model(device, seed=3)
    reference = _plain_model(device, seed=3)
    _, exp_val = _reference_fit(reference, train, val, 6, 0.05)
    _, got_val = submission.fit(model, train, val, 6, 0.05)
    assert_close(
        torch.tensor(_as_floats("val_losses", got_val, 6), dtype=torch.float64),
        torch.tensor(exp_val, dtype=torch.float64),
        name="val_losses",
        context="6 epochs; the validation loss must follow the trained weights",
        rtol=1e-4,
        atol=1e-6,
    )
    with torch.no_grad():
        final = sum(F.mse_loss(model(x), y).item() for x, y in val) / len(val)
    assert abs(float(got_val[-1]) - final) <= 1e-4 * abs(final) + 1e-6, (
        f"val_losses[-1] = {float(got_val[-1]):.6f}, but the model fit returned scores "
        f"{final:.6f} on the validation batches: the last validation must use the trained weights"
    )


def test_dropout_off_in_validation_and_on_in_training(submission, device):
    log = SharedLog()
    torch.manual_seed(4)
    model = nn.Sequential(
        nn.Linear(4, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 1), ModeProbe(log)
    ).to(device)
    train, val = _data(device, 3, 2, 16, 4, seed=5)
    _, got_val = submission.fit(model, train, val, 3, 0.05)
    training = [(mode, grad) for mode, grad in log if grad]
    validation = [(mode, grad) for mode, grad in log if not grad]
    assert_equal(
        len(training),
        9,
        name="forward passes with gradients (training)",
        context="3 epochs x 3 training batches",
    )
    assert all(mode for mode, _ in training), (
        "some training forward passes ran in eval mode (dropout off): after validating, put the "
        "model back with model.train(); modes of the 9 training passes: "
        + str([mode for mode, _ in training])
    )
    assert_equal(
        len(validation),
        6,
        name="forward passes without gradients (validation)",
        context="3 epochs x 2 validation batches, each under torch.no_grad()",
    )
    assert not any(mode for mode, _ in validation), (
        "some validation forward passes ran in train mode (dropout on): call model.eval() first"
    )
    assert model.training, "fit must return with the model in train mode"
    model.eval()
    with torch.no_grad():
        final = sum(F.mse_loss(model(x), y).item() for x, y in val) / len(val)
    got = float(_as_floats("val_losses", got_val, 3)[-1])
    assert abs(got - final) <= 1e-4 * abs(final) + 1e-6, (
        f"with dropout: val_losses[-1] = {got:.6f}, but the returned model in eval mode scores "
        f"{final:.6f} on the validation batches"
    )
