import torch

from desktop.katas.checks import assert_close, assert_on_device


def _require(condition, message):
    if not condition:
        raise AssertionError(message)


def _dtype(device):
    return torch.float32 if device == "mps" else torch.float64


def _problem(device, seed=0):
    """A small linear regression: parameters W (3, 2) and b (2,), fixed data."""
    dtype = _dtype(device)
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(16, 3, generator=gen, dtype=torch.float64).to(device=device, dtype=dtype)
    y = torch.randn(16, 2, generator=gen, dtype=torch.float64).to(device=device, dtype=dtype)
    w0 = torch.randn(3, 2, generator=gen, dtype=torch.float64).to(device=device, dtype=dtype)
    b0 = torch.full((2,), 0.5, device=device, dtype=dtype)
    return x, y, w0, b0


def _loss(params, x, y):
    w, b = params
    return ((x @ w + b - y) ** 2).mean()


def _compare_trajectories(submission, device, steps=20, **hyper):
    x, y, w0, b0 = _problem(device)
    mine = [w0.clone().requires_grad_(True), b0.clone().requires_grad_(True)]
    ref = [w0.clone().requires_grad_(True), b0.clone().requires_grad_(True)]
    opt = submission.AdamW(iter(mine), **hyper)
    ref_opt = torch.optim.AdamW(ref, **hyper)
    settings = ", ".join(f"{k}={v}" for k, v in hyper.items()) or "default hyperparameters"
    for step in range(1, steps + 1):
        for params, optimizer in ((mine, opt), (ref, ref_opt)):
            optimizer.zero_grad()
            _loss(params, x, y).backward()
            optimizer.step()
        for name, p, q in zip(("W", "b"), mine, ref):
            assert_on_device(p, device, name=name)
            assert_close(p.detach(), q.detach(), name=f"{name} after step {step}",
                         context=f"AdamW({settings}) on a linear regression, "
                                 "compared with torch.optim.AdamW")


def test_decay_only_by_hand(submission, device):
    theta = torch.tensor([1.0], device=device, requires_grad=True)
    opt = submission.AdamW([theta], lr=0.1, weight_decay=0.5)
    theta.grad = torch.tensor([0.0], device=device)
    opt.step()
    assert_close(theta.detach(), torch.tensor([0.95], device=device), name="theta after one step",
                 context="theta = 1, grad = 0, lr = 0.1, weight_decay = 0.5: the Adam part is 0, "
                         "the decoupled decay gives 1 * (1 - 0.1 * 0.5) = 0.95 "
                         "(L2 through the gradient would give 0.9, decay without lr 0.5)")


def test_first_step_by_hand(submission, device):
    theta = torch.tensor([2.0, -1.0], device=device, requires_grad=True)
    opt = submission.AdamW([theta], lr=0.1, weight_decay=0.2)
    theta.grad = torch.tensor([4.0, -0.5], device=device)
    opt.step()
    expected = torch.tensor([2.0 * 0.98 - 0.1, -1.0 * 0.98 + 0.1], device=device)
    assert_close(theta.detach(), expected, name="theta after one step",
                 context="theta = [2, -1], grad = [4, -0.5], lr = 0.1, weight_decay = 0.2: "
                         "decay by 1 - 0.02, then a first bias-corrected Adam step of "
                         "lr * sign(grad)")


def test_matches_torch_adamw(submission, device):
    _compare_trajectories(submission, device, lr=0.05, betas=(0.8, 0.95), weight_decay=0.1)


def test_default_hyperparameters(submission, device):
    _compare_trajectories(submission, device, steps=5)


def test_strong_decay(submission, device):
    _compare_trajectories(submission, device, lr=0.1, weight_decay=0.5, eps=1e-3)


def test_zero_decay_is_adam(submission, device):
    x, y, w0, b0 = _problem(device, seed=1)
    mine = [w0.clone().requires_grad_(True), b0.clone().requires_grad_(True)]
    ref = [w0.clone().requires_grad_(True), b0.clone().requires_grad_(True)]
    opt = submission.AdamW(mine, lr=0.05, weight_decay=0.0)
    ref_opt = torch.optim.Adam(ref, lr=0.05)
    for step in range(1, 11):
        for params, optimizer in ((mine, opt), (ref, ref_opt)):
            optimizer.zero_grad()
            _loss(params, x, y).backward()
            optimizer.step()
    for name, p, q in zip(("W", "b"), mine, ref):
        assert_close(p.detach(), q.detach(), name=f"{name} after 10 steps",
                     context="weight_decay = 0: AdamW must reduce to torch.optim.Adam")


def test_zero_grad_and_missing_grads(submission, device):
    a = torch.tensor([1.0, 2.0], device=device, requires_grad=True)
    frozen = torch.tensor([5.0], device=device, requires_grad=True)
    opt = submission.AdamW([a, frozen], lr=0.1, weight_decay=0.5)
    a.grad = torch.tensor([1.0, 1.0], device=device)
    opt.step()
    assert_close(frozen.detach(), torch.tensor([5.0], device=device), name="parameter with grad None",
                 context="a parameter whose .grad is None is skipped entirely: no update, no decay")
    opt.zero_grad()
    _require(a.grad is None or float(a.grad.abs().max()) == 0.0,
             f"after zero_grad() the gradient must be None or zero, got {a.grad}")
    _require(a.grad_fn is None,
             "the parameter became a non-leaf tensor: update it in place under torch.no_grad()")
