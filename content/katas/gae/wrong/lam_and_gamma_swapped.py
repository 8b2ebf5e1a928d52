import torch


def compute_gae(rewards, values, dones, gamma, lam):
    T = rewards.shape[0]
    not_done = 1.0 - dones.to(rewards.dtype)
    deltas = rewards + lam * not_done * values[1:] - values[:-1]
    advantages = torch.empty_like(rewards)
    running = torch.zeros((), dtype=rewards.dtype, device=rewards.device)
    for t in range(T - 1, -1, -1):
        running = deltas[t] + gamma * lam * not_done[t] * running
        advantages[t] = running
    return advantages, advantages + values[:-1]
