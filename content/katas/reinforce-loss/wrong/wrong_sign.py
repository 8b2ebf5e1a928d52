import torch


def reinforce_loss(log_probs, rewards, gamma, baseline=None):
    returns = torch.empty_like(rewards)
    running = torch.zeros((), dtype=rewards.dtype, device=rewards.device)
    for t in range(rewards.shape[0] - 1, -1, -1):
        running = rewards[t] + gamma * running
        returns[t] = running
    if baseline is not None:
        returns = returns - baseline.detach()
    # Maximising log_prob * advantage, written as the loss itself.
    return (log_probs * returns).sum()
