import torch


def reinforce_loss(log_probs, rewards, gamma, baseline=None):
    # Reward-to-go, but each reward is discounted by gamma^k instead of gamma^(k - t).
    T = rewards.shape[0]
    discounts = gamma ** torch.arange(T, device=rewards.device, dtype=rewards.dtype)
    discounted = discounts * rewards
    returns = torch.flip(torch.cumsum(torch.flip(discounted, [0]), 0), [0])
    advantages = returns
    if baseline is not None:
        advantages = advantages - baseline.detach()
    return -(log_probs * advantages).sum()
