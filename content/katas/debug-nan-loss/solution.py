import torch


def softmax_cross_entropy(logits, targets):
    """Mean cross-entropy of integer class targets under softmax(logits).

    logits: (B, C) float tensor; targets: (B,) long tensor of class indices in [0, C).
    Returns a 0-dim tensor with the dtype and device of logits.
    """
    # log softmax = logits - logsumexp(logits): logsumexp subtracts the row maximum before
    # exponentiating, so nothing overflows, and the log is never taken of a rounded-off 0.
    log_probs = logits - torch.logsumexp(logits, dim=-1, keepdim=True)
    picked = log_probs.gather(1, targets[:, None]).squeeze(1)
    return -picked.mean()


def train_step(model, optimizer, x, y):
    """One optimisation step on a batch; returns the loss as a Python float."""
    optimizer.zero_grad()
    loss = softmax_cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
