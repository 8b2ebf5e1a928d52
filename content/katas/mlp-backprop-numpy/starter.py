import numpy as np


def mlp_forward_backward(x, y, W1, b1, W2, b2):
    """Loss and gradients of mean softmax cross-entropy for a 2-layer ReLU MLP.

    x: (N, D), y: (N,) int labels, W1: (D, H), b1: (H,), W2: (H, C), b2: (C,), float64.
    Returns (loss, {"W1": ..., "b1": ..., "W2": ..., "b2": ...}). NumPy only.
    """
    raise NotImplementedError
