import torch


def cross_entropy(logits, targets, ignore_index=-100):
    """Mean softmax cross-entropy over the rows whose target != ignore_index.

    logits: (N, C) float, targets: (N,) long. Returns a 0-dim tensor.
    """
    raise NotImplementedError
