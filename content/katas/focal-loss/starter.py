import torch
import torch.nn.functional as F


def focal_loss(logits, targets, gamma=2.0, alpha=None):
    """Mean binary focal loss computed from logits.

    logits, targets: (N,) float; targets are 0.0 or 1.0. alpha: None or a float in (0, 1).
    Returns a 0-dim tensor.
    """
    raise NotImplementedError
