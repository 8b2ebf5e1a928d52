import torch


def compute_gae(rewards, values, dones, gamma, lam):
    """Return (advantages, returns), both (T,).

    rewards: (T,), values: (T+1,) incl. the bootstrap value, dones: (T,) bool
    (True = the episode ended after step t). returns = advantages + values[:T].
    """
    raise NotImplementedError
