import torch

from desktop.katas.checks import assert_close, assert_equal, assert_on_device


class CountingModel:
    """A deterministic stand-in for a noise predictor that records how it is called."""

    def __init__(self, device, channels=4, cond_dim=6):
        gen = torch.Generator().manual_seed(123)
        self.weight = torch.randn(cond_dim, channels, generator=gen).to(device)
        self.calls = []

    def __call__(self, x, t, cond):
        self.calls.append((tuple(x.shape), tuple(t.shape), tuple(cond.shape)))
        return self.predict(x, t, cond)

    def predict(self, x, t, cond):
        shift = (cond @ self.weight).reshape(x.shape[0], -1, *([1] * (x.dim() - 2)))
        scale = (1.0 + t.to(x.dtype) / 100.0).reshape(-1, *([1] * (x.dim() - 1)))
        return 0.5 * x + scale * shift


def _batch(device, B=3, C=4, L=5, E=6, seed=0):
    torch.manual_seed(seed)
    x = torch.randn(B, C, L).to(device)
    t = torch.tensor([5, 250, 999][:B], device=device)
    cond = torch.randn(B, E).to(device)
    null_cond = torch.zeros(B, E, device=device)
    return x, t, cond, null_cond


def test_cfg_eps_tiny_by_hand(submission, device):
    eps_cond = torch.tensor([1.0, 2.0], device=device)
    eps_uncond = torch.tensor([0.5, 3.0], device=device)
    out = submission.cfg_eps(eps_cond, eps_uncond, 3.0)
    assert_close(
        out,
        torch.tensor([2.0, 0.0], device=device),
        name="cfg_eps",
        context="eps_cond=[1, 2], eps_uncond=[0.5, 3], scale=3: "
        "eps_uncond + 3 * (eps_cond - eps_uncond) = [2, 0]",
    )


def test_cfg_eps_endpoints(submission, device):
    torch.manual_seed(1)
    eps_cond = torch.randn(2, 3, 4).to(device)
    eps_uncond = torch.randn(2, 3, 4).to(device)
    assert_close(
        submission.cfg_eps(eps_cond, eps_uncond, 0.0),
        eps_uncond,
        name="cfg_eps(scale=0)",
        context="scale = 0 must give the unconditional prediction",
    )
    assert_close(
        submission.cfg_eps(eps_cond, eps_uncond, 1.0),
        eps_cond,
        name="cfg_eps(scale=1)",
        context="scale = 1 must give the conditional prediction",
    )
    out = submission.cfg_eps(eps_cond, eps_uncond, 7.5)
    assert_on_device(out, device)
    assert_close(out, eps_uncond + 7.5 * (eps_cond - eps_uncond), name="cfg_eps(scale=7.5)")


def test_cfg_denoise_single_batched_call(submission, device):
    x, t, cond, null_cond = _batch(device)
    model = CountingModel(device)
    submission.cfg_denoise(model, x, t, cond, null_cond, 4.0)
    assert_equal(
        len(model.calls),
        1,
        name="number of model calls",
        context="call the model once on the doubled batch, not once per condition",
    )
    x_shape, t_shape, cond_shape = model.calls[0]
    assert_equal(x_shape, (6, 4, 5), name="shape of x passed to the model", context="B = 3, so 2B = 6")
    assert_equal(t_shape, (6,), name="shape of t passed to the model")
    assert_equal(cond_shape, (6, 6), name="shape of cond passed to the model")


def test_cfg_denoise_matches_separate_predictions(submission, device):
    x, t, cond, null_cond = _batch(device, seed=2)
    model = CountingModel(device)
    out = submission.cfg_denoise(model, x, t, cond, null_cond, 4.0)
    assert_on_device(out, device)
    eps_cond = model.predict(x, t, cond)
    eps_uncond = model.predict(x, t, null_cond)
    assert_close(
        out,
        eps_uncond + 4.0 * (eps_cond - eps_uncond),
        name="guided eps",
        context="scale = 4; expected eps_uncond + 4 * (eps_cond - eps_uncond) with the two "
        "predictions computed separately",
    )


def test_cfg_denoise_scale_one_is_conditional_model(submission, device):
    x, t, cond, null_cond = _batch(device, B=2, seed=3)
    model = CountingModel(device)
    out = submission.cfg_denoise(model, x, t, cond, null_cond, 1.0)
    assert_close(
        out,
        model.predict(x, t, cond),
        name="cfg_denoise(scale=1)",
        context="with scale = 1 the result is the conditional prediction; if you got the "
        "unconditional one, the halves of the doubled batch are swapped",
    )
