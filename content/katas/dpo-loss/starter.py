import torch
import torch.nn.functional as F


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta):
    """Return (loss, chosen_rewards, rejected_rewards).

    loss = -mean(logsigmoid(beta * ((pc - rc) - (pr - rr)))), a 0-dim tensor;
    chosen_rewards = beta * (pc - rc), rejected_rewards = beta * (pr - rr), both (B,), detached.
    """
    raise NotImplementedError
