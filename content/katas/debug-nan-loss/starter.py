import torch


def softmax_cross_entropy(logits, targets):
    """Mean cross-entropy of integer class targets under softmax(logits).

    logits: (B, C) float tensor; targets: (B,) long tensor of class indices in [0, C).
    Returns a 0-dim tensor with the dtype and device of logits.
    """
    exp = torch.exp(logits)
    probs = exp / exp.sum(dim=-1, keepdim=True)
    rows = torch.arange(logits.shape[0], device=logits.device)
    picked = probs[rows, targets]
    return -torch.log(picked).mean()


def train_step(model, optimizer, x, y):
    """One optimisation step on a batch; returns the loss as a Python float."""
    optimizer.zero_grad()
    loss = softmax_cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
