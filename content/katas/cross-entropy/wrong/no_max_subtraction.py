import torch


def cross_entropy(logits, targets, ignore_index=-100):
    valid = targets != ignore_index
    lse = torch.log(torch.exp(logits).sum(dim=-1))
    safe_targets = torch.where(valid, targets, torch.zeros_like(targets))
    picked = logits.gather(-1, safe_targets.unsqueeze(-1)).squeeze(-1)
    losses = (lse - picked) * valid
    return losses.sum() / valid.sum()
