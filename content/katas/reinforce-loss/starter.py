import torch


def reinforce_loss(log_probs, rewards, gamma, baseline=None):
    """Return -sum_t log_probs[t] * (G_t - baseline[t]) as a 0-dim tensor.

    log_probs, rewards, baseline: (T,); G_t = sum_{k>=t} gamma^(k-t) * rewards[k].
    The baseline is treated as a constant (no gradient flows into it).
    """
    raise NotImplementedError
