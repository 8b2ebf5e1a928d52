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
    b0 = torch.zeros(2, device=device, dtype=dtype)
    return x, y, w0, b0


def _loss(params, x, y):
    w, b = params
    return ((x @ w + b - y) ** 2).mean()


def _compare_trajectories(submission, device, steps=20, **hyper):
    x, y, w0, b0 = _problem(device)
    mine = [w0.clone().requires_grad_(True), b0.clone().requires_grad_(True)]
    ref = [w0.clone().requires_grad_(True), b0.clone().requires_grad_(True)]
    opt = submission.Adam(iter(mine), **hyper)
    ref_opt = torch.optim.Adam(ref, **hyper)
    settings = ", ".join(f"{k}={v}" for k, v in hyper.items()) or "default hyperparameters"
    for step in range(1, steps + 1):
        for params, optimizer in ((mine, opt), (ref, ref_opt)):
            optimizer.zero_grad()
            _loss(params, x, y).backward()
            optimizer.step()
        for name, p, q in zip(("W", "b"), mine, ref):
            assert_on_device(p, device, name=name)
            assert_close(p.detach(), q.detach(), name=f"{name} after step {step}",
                         context=f"Adam({settings}) on a linear regression, "
                                 "compared with torch.optim.Adam")


def test_first_step_by_hand(submission, device):
    theta = torch.tensor([1.0], device=device, requires_grad=True)
    opt = submission.Adam([theta], lr=0.1)
    theta.grad = torch.tensor([2.0], device=device)
    opt.step()
    assert_close(theta.detach(), torch.tensor([0.9], device=device), name="theta after one step",
                 context="theta = 1, grad = 2, lr = 0.1: m_hat = 2, v_hat = 4 after bias "
                         "correction, so the first update is lr * 2 / (2 + eps) = 0.1")


def test_two_steps_by_hand(submission, device):
    theta = torch.tensor([0.0, 0.0], device=device, requires_grad=True)
    opt = submission.Adam([theta], lr=1.0, betas=(0.5, 0.5), eps=0.0)
    for g in ([1.0, -4.0], [3.0, 0.0]):
        theta.grad = torch.tensor(g, device=device)
        opt.step()
    # coordinate 0: m = [0.5, 1.75], v = [0.5, 4.75] -> step 1 moves by 1, step 2 by
    #   m_hat / sqrt(v_hat) with m_hat = 1.75 / 0.75 = 7/3, v_hat = 4.75 / 0.75 = 19/3
    # coordinate 1: m = [-2.0, -1.0], v = [8.0, 4.0] -> step 1 moves by -1, step 2 by
    #   m_hat / sqrt(v_hat) with m_hat = -4/3, v_hat = 16/3
    expected = torch.tensor([-1.0 - (7 / 3) / (19 / 3) ** 0.5,
                             1.0 + (4 / 3) / (16 / 3) ** 0.5], device=device)
    assert_close(theta.detach(), expected, name="theta after two steps",
                 context="lr = 1, betas = (0.5, 0.5), eps = 0, grads [1, -4] then [3, 0]; "
                         "bias corrections 1 - 0.5**t with t = 1, 2")


def test_matches_torch_adam(submission, device):
    _compare_trajectories(submission, device, lr=0.05, betas=(0.8, 0.95))


def test_default_hyperparameters(submission, device):
    _compare_trajectories(submission, device, steps=5)


def test_large_eps_goes_outside_the_sqrt(submission, device):
    _compare_trajectories(submission, device, lr=0.05, eps=1e-2)


def test_l2_weight_decay(submission, device):
    _compare_trajectories(submission, device, lr=0.05, weight_decay=0.1)


def test_zero_grad_and_missing_grads(submission, device):
    a = torch.tensor([1.0, 2.0], device=device, requires_grad=True)
    frozen = torch.tensor([5.0], device=device, requires_grad=True)
    opt = submission.Adam([a, frozen], lr=0.1)
    a.grad = torch.tensor([1.0, 1.0], device=device)
    opt.step()
    _require(frozen.grad is None, "step() must not create a gradient for a parameter without one")
    assert_close(frozen.detach(), torch.tensor([5.0], device=device), name="parameter with grad None",
                 context="a parameter whose .grad is None must not be updated")
    opt.zero_grad()
    _require(a.grad is None or float(a.grad.abs().max()) == 0.0,
             f"after zero_grad() the gradient must be None or zero, got {a.grad}")
    _require(not a.requires_grad or a.grad_fn is None,
             "the parameter became a non-leaf tensor: update it in place under torch.no_grad()")
