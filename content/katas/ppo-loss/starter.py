import torch


def ppo_loss(new_log_probs, old_log_probs, advantages, clip_eps, kl_coef=0.0):
    """Return the PPO-Clip loss (0-dim tensor).

    -mean(min(r * A, clip(r, 1 - eps, 1 + eps) * A)) + kl_coef * mean(old_log_probs - new_log_probs),
    where r = exp(new_log_probs - old_log_probs). All inputs are (N,).
    """
    raise NotImplementedError
