import torch
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_close, assert_on_device


def _float_dtype(device):
    return torch.float32 if device == "mps" else torch.float64


def _reference_gae(rewards, values, dones, gamma, lam):
    """Straight from the definition: A_t = sum_l (gamma*lam)^l delta_{t+l}, stopping at a done."""
    T = len(rewards)
    deltas = [
        rewards[t] + (0.0 if dones[t] else gamma * values[t + 1]) - values[t] for t in range(T)
    ]
    advantages = []
    for t in range(T):
        total, weight = 0.0, 1.0
        for k in range(t, T):
            total += weight * deltas[k]
            if dones[k]:
                break
            weight *= gamma * lam
        advantages.append(total)
    return advantages, [a + v for a, v in zip(advantages, values[:T], strict=True)]


def _call(submission, device, rewards, values, dones, gamma, lam, dtype=torch.float32):
    return submission.compute_gae(
        torch.tensor(rewards, dtype=dtype, device=device),
        torch.tensor(values, dtype=dtype, device=device),
        torch.tensor(dones, dtype=torch.bool, device=device),
        gamma,
        lam,
    )


def test_tiny_example_by_hand(submission, device):
    adv, ret = _call(submission, device, [1.0, 1.0, 1.0], [1.0, 2.0, 3.0, 4.0],
                     [False, True, False], 0.9, 0.5)
    assert_on_device(adv, device, name="advantages")
    assert_on_device(ret, device, name="returns")
    context = ("rewards=[1, 1, 1], values=[1, 2, 3, 4], dones=[F, T, F], gamma=0.9, lam=0.5: "
               "deltas are [1.8, -1, 1.6] and the done after step 1 stops the recursion")
    assert_close(adv, torch.tensor([1.35, -1.0, 1.6], device=device), name="advantages",
                 context=context)
    assert_close(ret, torch.tensor([2.35, 1.0, 4.6], device=device), name="returns",
                 context=context + "; returns = advantages + values[:T]")


def test_lambda_zero_is_td_error(submission, device):
    torch.manual_seed(0)
    rewards = torch.randn(6).to(device)
    values = torch.randn(7).to(device)
    dones = torch.zeros(6, dtype=torch.bool, device=device)
    adv, _ = submission.compute_gae(rewards, values, dones, 0.95, 0.0)
    assert_close(
        adv,
        rewards + 0.95 * values[1:] - values[:-1],
        name="advantages with lam=0",
        context="with lam = 0 each advantage is the one-step TD error r_t + gamma V_{t+1} - V_t",
    )


def test_lambda_one_is_bootstrapped_monte_carlo(submission, device):
    torch.manual_seed(1)
    rewards = torch.randn(5).to(device)
    values = torch.randn(6).to(device)
    dones = torch.zeros(5, dtype=torch.bool, device=device)
    adv, ret = submission.compute_gae(rewards, values, dones, 0.9, 1.0)
    r, v = rewards.tolist(), values.tolist()
    mc = [sum(0.9 ** (k - t) * r[k] for k in range(t, 5)) + 0.9 ** (5 - t) * v[5] for t in range(5)]
    assert_close(
        ret,
        torch.tensor(mc, device=device),
        name="returns with lam=1",
        context="with lam = 1 and no dones, returns are discounted reward-to-go plus "
        "gamma^(T-t) * values[T]",
    )
    assert_close(adv, torch.tensor(mc, device=device) - values[:-1], name="advantages with lam=1")


def _rollouts():
    @st.composite
    def build(draw):
        T = draw(st.integers(1, 8))
        small = st.floats(-3, 3, allow_nan=False).map(lambda x: round(x, 3))
        return (
            draw(st.lists(small, min_size=T, max_size=T)),
            draw(st.lists(small, min_size=T + 1, max_size=T + 1)),
            draw(st.lists(st.booleans(), min_size=T, max_size=T)),
            draw(st.sampled_from([0.0, 0.5, 0.9, 0.99, 1.0])),
            draw(st.sampled_from([0.0, 0.3, 0.95, 1.0])),
        )

    return build()


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
@given(rollout=_rollouts())
def test_matches_loop_reference(submission, device, rollout):
    rewards, values, dones, gamma, lam = rollout
    dtype = _float_dtype(device)
    adv, ret = _call(submission, device, rewards, values, dones, gamma, lam, dtype)
    exp_adv, exp_ret = _reference_gae(rewards, values, dones, gamma, lam)
    context = f"rewards={rewards}, values={values}, dones={dones}, gamma={gamma}, lam={lam}"
    tol = dict(rtol=1e-5, atol=1e-4) if dtype == torch.float32 else dict(rtol=1e-9, atol=1e-9)
    assert_close(adv, torch.tensor(exp_adv, dtype=dtype, device=device), name="advantages",
                 context=context, **tol)
    assert_close(ret, torch.tensor(exp_ret, dtype=dtype, device=device), name="returns",
                 context=context, **tol)
