import torch

from desktop.katas.checks import assert_close, assert_on_device


def _require(condition, message):
    if not condition:
        raise AssertionError(message)


def _randn(*shape, seed):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def _make(submission, device, in_f, out_f, rank, alpha):
    torch.manual_seed(0)
    layer = submission.LoRALinear(in_f, out_f, rank, alpha).to(device)
    for name, shape in (("weight", (out_f, in_f)), ("lora_A", (rank, in_f)), ("lora_B", (out_f, rank))):
        t = getattr(layer, name, None)
        _require(isinstance(t, torch.Tensor), f"LoRALinear must have a tensor attribute `{name}`")
        _require(tuple(t.shape) == shape,
                 f"{name} must have shape {shape} for in={in_f}, out={out_f}, rank={rank}; "
                 f"got {tuple(t.shape)}")
        assert_on_device(t, device, name=f"{name} after .to({device!r})")
    return layer


def _set(layer, w=None, a=None, b=None):
    with torch.no_grad():
        for name, value in (("weight", w), ("lora_A", a), ("lora_B", b)):
            if value is not None:
                getattr(layer, name).copy_(value)


def test_worked_example_from_prompt(submission, device):
    layer = _make(submission, device, 2, 1, 2, 4)
    _set(layer, w=torch.tensor([[1.0, 0.0]]), a=torch.eye(2), b=torch.tensor([[0.5, 0.25]]))
    x = torch.tensor([[1.0, 2.0]], device=device)
    context = ("in=2, out=1, rank=2, alpha=4 (scaling alpha/rank = 2), W = [[1, 0]], A = I, "
               "B = [[0.5, 0.25]], x = [[1, 2]]")
    out = layer(x)
    assert_on_device(out, device)
    assert_close(out.detach(), torch.tensor([[3.0]], device=device), name="forward(x)",
                 context=context + ": 1 + 2 * 1 = 3")
    assert_close(layer.merged_weight().detach(), torch.tensor([[2.0, 0.5]], device=device),
                 name="merged_weight()", context=context + ": W + 2 * B @ A")


def test_initial_output_equals_base_layer(submission, device):
    layer = _make(submission, device, 6, 4, 3, 16)
    w = _randn(4, 6, seed=1)
    _set(layer, w=w)
    _require(float(layer.lora_B.detach().abs().max()) == 0.0,
             "lora_B must start at zero so the adapted layer starts equal to the base layer")
    _require(float(layer.lora_A.detach().abs().max()) > 0.0,
             "lora_A must start random (not zero): with A = B = 0 no gradient reaches either")
    x = _randn(5, 6, seed=2).to(device)
    assert_close(layer(x).detach(), x @ w.to(device).T, name="forward(x) at initialisation",
                 context="right after __init__ (B = 0) the output must equal x @ weight.T")


def test_only_the_adapter_is_trainable(submission, device):
    layer = _make(submission, device, 4, 3, 2, 2)
    _require(not layer.weight.requires_grad, "weight must be frozen (requires_grad=False)")
    trainable = {name for name, p in layer.named_parameters() if p.requires_grad}
    _require(trainable == {"lora_A", "lora_B"},
             f"the trainable parameters must be exactly lora_A and lora_B, got {sorted(trainable)}; "
             "register them as nn.Parameter")


def test_gradients_at_initialisation(submission, device):
    layer = _make(submission, device, 4, 3, 2, 2)
    x = _randn(6, 4, seed=3).to(device)
    layer(x).sum().backward()
    _require(layer.weight.grad is None, "the frozen weight received a gradient")
    _require(layer.lora_B.grad is not None and float(layer.lora_B.grad.abs().max()) > 0,
             "lora_B must receive a nonzero gradient at initialisation (it is what starts learning)")
    _require(layer.lora_A.grad is None or float(layer.lora_A.grad.abs().max()) == 0.0,
             "lora_A's gradient must be zero at initialisation because B = 0")


def test_forward_and_gradients_match_the_formula(submission, device):
    in_f, out_f, rank, alpha = 5, 3, 4, 8
    layer = _make(submission, device, in_f, out_f, rank, alpha)
    w, a, b = _randn(out_f, in_f, seed=4), _randn(rank, in_f, seed=5), _randn(out_f, rank, seed=6)
    _set(layer, w, a, b)
    x = _randn(2, 3, in_f, seed=7).to(device)
    g = _randn(2, 3, out_f, seed=8).to(device)
    out = layer(x)
    (out * g).sum().backward()

    wr, ar, br = (t.to(device).requires_grad_(True) for t in (w, a, b))
    ref = x @ wr.T + (alpha / rank) * (x @ ar.T) @ br.T
    (ref * g).sum().backward()
    context = (f"in={in_f}, out={out_f}, rank={rank}, alpha={alpha} (scaling alpha/rank = 2), "
               "x of shape (2, 3, 5), random W, A, B")
    assert_close(out.detach(), ref.detach(), name="forward(x)", context=context)
    assert_close(layer.lora_A.grad, ar.grad, name="lora_A.grad", context=context)
    assert_close(layer.lora_B.grad, br.grad, name="lora_B.grad", context=context)


def test_merged_weight_matches_forward(submission, device):
    layer = _make(submission, device, 6, 5, 2, 6)
    _set(layer, _randn(5, 6, seed=9), _randn(2, 6, seed=10), _randn(5, 2, seed=11))
    x = _randn(4, 6, seed=12).to(device)
    merged = layer.merged_weight()
    assert_on_device(merged, device, name="merged_weight()")
    assert_close((x @ merged.T).detach(), layer(x).detach(), name="x @ merged_weight().T",
                 context="rank=2, alpha=6: the merged weight must reproduce forward(x), "
                         "including the alpha / rank = 3 scaling")
