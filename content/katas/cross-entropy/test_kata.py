import math

import pytest
import torch
import torch.nn.functional as F

from desktop.katas.checks import assert_close, assert_on_device


def _require(condition, message):
    if not condition:
        raise AssertionError(message)


def _inputs(device, n, c, seed=0, scale=1.0, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    logits = torch.randn(n, c, generator=gen, dtype=torch.float64) * scale
    targets = torch.randint(0, c, (n,), generator=gen)
    return logits.to(device=device, dtype=dtype), targets.to(device)


def _call(submission, logits, targets, **kwargs):
    loss = submission.cross_entropy(logits, targets, **kwargs)
    assert_on_device(loss, logits.device.type, name="loss")
    _require(loss.dim() == 0, f"loss must be a 0-dim tensor, got shape {tuple(loss.shape)}")
    return loss


def test_worked_example_from_prompt(submission, device):
    logits = torch.tensor([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], device=device)
    targets = torch.tensor([2, -100], device=device)
    loss = _call(submission, logits, targets)
    expected = math.log(math.exp(1) + math.exp(2) + math.exp(3)) - 3
    assert_close(loss, torch.tensor(expected, device=device), name="loss",
                 context="logits = [[1, 2, 3], [0, 0, 0]], targets = [2, -100]: "
                         "only the first row counts")


def test_uniform_logits_give_log_c(submission, device):
    logits = torch.zeros(3, 4, device=device)
    targets = torch.tensor([0, 1, 3], device=device)
    loss = _call(submission, logits, targets)
    assert_close(loss, torch.tensor(math.log(4), device=device), name="loss",
                 context="all-zero logits over C = 4 classes: every row costs log(4)")


def test_matches_pytorch(submission, device):
    logits, targets = _inputs(device, 6, 5, seed=1, scale=2.0)
    loss = _call(submission, logits, targets)
    assert_close(loss, F.cross_entropy(logits, targets), name="loss",
                 context="random logits (6, 5), no ignored targets")


def test_ignored_rows_are_excluded_from_the_mean(submission, device):
    logits, targets = _inputs(device, 8, 5, seed=2)
    targets[[1, 4, 5, 7]] = -100
    loss = _call(submission, logits, targets)
    assert_close(loss, F.cross_entropy(logits, targets), name="loss",
                 context=f"targets = {targets.tolist()}: the mean runs over the 4 "
                         "non-ignored rows, not all 8")


def test_custom_ignore_index_that_is_a_class(submission, device):
    logits, targets = _inputs(device, 10, 4, seed=3)
    targets[:4] = torch.tensor([2, 0, 2, 1], device=device)
    loss = _call(submission, logits, targets, ignore_index=2)
    assert_close(loss, F.cross_entropy(logits, targets, ignore_index=2), name="loss",
                 context=f"ignore_index=2, targets = {targets.tolist()}")


def test_huge_logits_by_hand(submission, device):
    logits = torch.tensor([[1e4, 0.0, -1e4], [1e4, 0.0, -1e4]], device=device)
    targets = torch.tensor([0, 2], device=device)
    loss = _call(submission, logits, targets)
    _require(bool(torch.isfinite(loss)),
             f"loss is {loss.item()} for logits [1e4, 0, -1e4]: exp(1e4) overflows and "
             "softmax underflows to 0 (log 0 = -inf); use logsumexp with the row max subtracted")
    assert_close(loss, torch.tensor(1e4, device=device), name="loss",
                 context="logits [1e4, 0, -1e4] twice, targets [0, 2]: row losses 0 and 2e4, mean 1e4")


def test_huge_random_logits_match_pytorch(submission, device):
    logits, targets = _inputs(device, 6, 7, seed=4, scale=1e4)
    loss = _call(submission, logits, targets)
    _require(bool(torch.isfinite(loss)),
             f"loss is {loss.item()} for logits of magnitude 1e4; subtract the row max "
             "inside the log-sum-exp instead of taking log(softmax) or exp(logits)")
    assert_close(loss, F.cross_entropy(logits, targets), name="loss",
                 context="random logits of magnitude 1e4 (6, 7)")


def test_gradient_matches_pytorch(submission, device):
    logits, targets = _inputs(device, 5, 6, seed=5, scale=3.0)
    targets[2] = -100
    mine = logits.clone().requires_grad_(True)
    ref = logits.clone().requires_grad_(True)
    loss = _call(submission, mine, targets)
    _require(loss.requires_grad, "the loss is not connected to logits in the autograd graph")
    loss.backward()
    F.cross_entropy(ref, targets).backward()
    assert_close(mine.grad, ref.grad, name="d loss / d logits",
                 context="expected (softmax - onehot) / n_valid, and 0 for the ignored row 2")


def test_float64(submission, device):
    if device == "mps":
        pytest.skip("MPS has no float64")
    logits, targets = _inputs(device, 7, 3, seed=6, dtype=torch.float64)
    targets[0] = -100
    loss = _call(submission, logits, targets)
    assert_close(loss, F.cross_entropy(logits, targets), name="loss", context="float64 logits")


def bench_case(device):
    """Bench mode's input: 256 rows over a 4096-way vocabulary, every 7th target ignored."""
    logits, targets = _inputs(device, 256, 4096, seed=10, scale=3.0)
    targets[::7] = -100
    return "cross_entropy", (logits, targets), {}
