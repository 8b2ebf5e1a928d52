import torch


def ppo_loss(new_log_probs, old_log_probs, advantages, clip_eps, kl_coef=0.0):
    old_log_probs = old_log_probs.detach()
    advantages = advantages.detach()
    ratio = torch.exp(old_log_probs - new_log_probs)
    unclipped = ratio * advantages
    clipped = torch.clamp(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * advantages
    policy_loss = -torch.minimum(unclipped, clipped).mean()
    kl = (old_log_probs - new_log_probs).mean()
    return policy_loss + kl_coef * kl
