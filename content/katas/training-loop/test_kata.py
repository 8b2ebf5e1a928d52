import copy
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from desktop.katas.checks import assert_close, assert_on_device


def _require(condition, message):
    if not condition:
        raise AssertionError(message)


class _SGD:
    """SGD with momentum, the same update as torch.optim.SGD (kept here so the tests stay fast)."""

    def __init__(self, params, lr, momentum=0.0):
        self.params = list(params)
        self.lr, self.momentum = lr, momentum
        self.buffers = [torch.zeros_like(p) for p in self.params]

    @torch.no_grad()
    def step(self):
        for p, buf in zip(self.params, self.buffers):
            if p.grad is not None:
                buf.mul_(self.momentum).add_(p.grad)
                p.sub_(self.lr * buf)

    def zero_grad(self):
        for p in self.params:
            p.grad = None


def _dtype(device):
    return torch.float32 if device == "mps" else torch.float64


def _setup(device, n_batches, micro=4, seed=0):
    dtype = _dtype(device)
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 2)).to(device=device, dtype=dtype)
    gen = torch.Generator().manual_seed(seed + 1)
    batches = [
        (torch.randn(micro, 3, generator=gen, dtype=torch.float64).to(device=device, dtype=dtype),
         torch.randn(micro, 2, generator=gen, dtype=torch.float64).to(device=device, dtype=dtype))
        for _ in range(n_batches)
    ]
    return model, batches


def _big_batch_reference(model, batches, make_opt, k, max_grad_norm):
    """One optimizer step per group, on the group concatenated into a single batch."""
    model = copy.deepcopy(model)
    opt = make_opt(model)
    losses = []
    for start in range(0, len(batches), k):
        group = batches[start : start + k]
        x = torch.cat([b[0] for b in group])
        y = torch.cat([b[1] for b in group])
        opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        if max_grad_norm is not None:
            nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
        opt.step()
        losses.append(loss.item())
    return model, losses


def _run_and_compare(submission, device, n_batches, k, max_grad_norm, make_opt, context,
                     stale_grads=False):
    model, batches = _setup(device, n_batches)
    ref_model, ref_losses = _big_batch_reference(model, batches, make_opt, k, max_grad_norm)
    if stale_grads:
        for p in model.parameters():
            p.grad = torch.full_like(p, 100.0)
    losses = submission.train(model, F.mse_loss, batches, make_opt(model), k, max_grad_norm)
    _require(isinstance(losses, list), f"train must return a list, got {type(losses).__name__}")
    expected_steps = math.ceil(n_batches / k)
    _require(len(losses) == expected_steps,
             f"expected {expected_steps} losses (one per optimizer step: {n_batches} micro-batches "
             f"in groups of {k}, the last group may be partial), got {len(losses)}; {context}")
    _require(all(isinstance(x, float) for x in losses),
             f"losses must be Python floats (loss.item()), got {[type(x).__name__ for x in losses]}")
    assert_close(losses, ref_losses, rtol=1e-6, atol=1e-9, name="returned losses",
                 context=context + "; each entry is the mean unscaled micro-batch loss of a step")
    for (name, p), q in zip(model.named_parameters(), ref_model.parameters()):
        assert_on_device(p, device, name=name)
        assert_close(p.detach(), q.detach(), name=f"{name} after training",
                     context=context + "; reference: one big batch per group")


def test_worked_example_from_prompt(submission, device):
    dtype = _dtype(device)
    model = nn.Linear(1, 1, bias=False).to(device=device, dtype=dtype)
    with torch.no_grad():
        model.weight.zero_()
    batches = [(torch.tensor([[1.0]], device=device, dtype=dtype), torch.tensor([[1.0]], device=device, dtype=dtype)),
               (torch.tensor([[2.0]], device=device, dtype=dtype), torch.tensor([[2.0]], device=device, dtype=dtype))]
    opt = _SGD(model.parameters(), lr=0.1)
    losses = submission.train(model, F.mse_loss, batches, opt, 2, None)
    context = ("w = 0, micro-batches (x=1, y=1) and (x=2, y=2), accumulation_steps = 2, SGD lr 0.1: "
               "grads -2 and -8 average to -5, so w = 0.5 (unscaled sum: 1.0, only the last "
               "micro-batch: 0.4)")
    assert_close(model.weight.detach(), torch.tensor([[0.5]], device=device, dtype=dtype),
                 name="weight after one step", context=context)
    assert_close(list(losses), [2.5], name="returned losses",
                 context="micro-batch losses 1 and 4: the step's loss is their mean, 2.5")


def test_matches_big_batch_sgd(submission, device):
    _run_and_compare(submission, device, n_batches=6, k=3, max_grad_norm=None,
                     make_opt=lambda m: _SGD(m.parameters(), lr=0.1),
                     context="6 micro-batches of 4, accumulation_steps = 3, SGD lr 0.1, no clipping")


def test_partial_last_group_still_steps(submission, device):
    _run_and_compare(submission, device, n_batches=7, k=3, max_grad_norm=None,
                     make_opt=lambda m: _SGD(m.parameters(), lr=0.1, momentum=0.9),
                     context="7 micro-batches, accumulation_steps = 3: groups of 3, 3 and 1; "
                             "the last group of 1 is averaged over 1 and still steps")


def test_clipping_sees_the_accumulated_gradient(submission, device):
    _run_and_compare(submission, device, n_batches=6, k=2, max_grad_norm=0.05,
                     make_opt=lambda m: _SGD(m.parameters(), lr=0.5),
                     context="6 micro-batches, accumulation_steps = 2, max_grad_norm = 0.05 "
                             "(clipping active), SGD lr 0.5: clip once per step, after both "
                             "micro-batches are accumulated")


def test_no_accumulation_with_momentum(submission, device):
    _run_and_compare(submission, device, n_batches=5, k=1, max_grad_norm=1.0,
                     make_opt=lambda m: _SGD(m.parameters(), lr=0.2, momentum=0.9),
                     context="accumulation_steps = 1 (plain training), SGD lr 0.2 momentum 0.9, "
                             "max_grad_norm = 1")


def test_stale_gradients_are_cleared_first(submission, device):
    _run_and_compare(submission, device, n_batches=4, k=2, max_grad_norm=None,
                     make_opt=lambda m: _SGD(m.parameters(), lr=0.1),
                     context="every parameter starts with a stale .grad of 100 from earlier code: "
                             "call optimizer.zero_grad() before the first micro-batch",
                     stale_grads=True)
