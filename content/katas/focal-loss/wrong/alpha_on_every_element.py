import torch
import torch.nn.functional as F


def focal_loss(logits, targets, gamma=2.0, alpha=None):
    ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    p_t = torch.exp(-ce)
    loss = (1.0 - p_t) ** gamma * ce
    if alpha is not None:
        # Same weight for positives and negatives: a constant rescaling, not a rebalancing.
        loss = alpha * loss
    return loss.mean()
