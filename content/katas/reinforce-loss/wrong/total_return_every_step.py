import torch


def reinforce_loss(log_probs, rewards, gamma, baseline=None):
    # Uses the whole episode's discounted return for every step.
    discounts = gamma ** torch.arange(rewards.shape[0], device=rewards.device, dtype=rewards.dtype)
    total = (discounts * rewards).sum()
    advantages = total.expand_as(rewards)
    if baseline is not None:
        advantages = advantages - baseline.detach()
    return -(log_probs * advantages).sum()
