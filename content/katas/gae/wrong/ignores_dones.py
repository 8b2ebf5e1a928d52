import torch


def compute_gae(rewards, values, dones, gamma, lam):
    T = rewards.shape[0]
    deltas = rewards + gamma * values[1:] - values[:-1]
    advantages = torch.empty_like(rewards)
    running = torch.zeros((), dtype=rewards.dtype, device=rewards.device)
    for t in range(T - 1, -1, -1):
        running = deltas[t] + gamma * lam * running
        advantages[t] = running
    return advantages, advantages + values[:-1]
