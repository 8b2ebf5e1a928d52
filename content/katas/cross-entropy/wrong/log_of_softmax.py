import torch


def cross_entropy(logits, targets, ignore_index=-100):
    valid = targets != ignore_index
    probs = torch.softmax(logits, dim=-1)
    safe_targets = torch.where(valid, targets, torch.zeros_like(targets))
    picked = probs.gather(-1, safe_targets.unsqueeze(-1)).squeeze(-1)
    losses = -torch.log(picked) * valid
    return losses.sum() / valid.sum()
