import torch


def cross_entropy(logits, targets, ignore_index=-100):
    valid = targets != ignore_index
    m = logits.max(dim=-1, keepdim=True).values.detach()
    lse = m.squeeze(-1) + torch.log(torch.exp(logits - m).sum(dim=-1))
    safe_targets = torch.where(valid, targets, torch.zeros_like(targets))
    picked = logits.gather(-1, safe_targets.unsqueeze(-1)).squeeze(-1)
    losses = (lse - picked) * valid
    return losses.sum() / valid.sum()
