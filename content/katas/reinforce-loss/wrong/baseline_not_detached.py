import torch


def reinforce_loss(log_probs, rewards, gamma, baseline=None):
    returns = torch.empty_like(rewards)
    running = torch.zeros((), dtype=rewards.dtype, device=rewards.device)
    for t in range(rewards.shape[0] - 1, -1, -1):
        running = rewards[t] + gamma * running
        returns[t] = running
    advantages = returns if baseline is None else returns - baseline
    return -(log_probs * advantages).sum()
