import torch


def focal_loss(logits, targets, gamma=2.0, alpha=None):
    p = torch.sigmoid(logits)
    p_t = p * targets + (1.0 - p) * (1.0 - targets)
    loss = -((1.0 - p_t) ** gamma) * torch.log(p_t)
    if alpha is not None:
        alpha_t = alpha * targets + (1.0 - alpha) * (1.0 - targets)
        loss = alpha_t * loss
    return loss.mean()
