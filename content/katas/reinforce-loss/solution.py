import torch


def discounted_returns(rewards, gamma):
    returns = torch.empty_like(rewards)
    running = torch.zeros((), dtype=rewards.dtype, device=rewards.device)
    for t in range(rewards.shape[0] - 1, -1, -1):
        running = rewards[t] + gamma * running
        returns[t] = running
    return returns


def reinforce_loss(log_probs, rewards, gamma, baseline=None):
    advantages = discounted_returns(rewards.detach(), gamma)
    if baseline is not None:
        advantages = advantages - baseline.detach()
    return -(log_probs * advantages).sum()
