import torch


def softmax_backward(y, grad_y):
    # Jacobian-vector product of diag(y) - y y^T with grad_y, row by row.
    s = (grad_y * y).sum(dim=-1, keepdim=True)
    return y * (grad_y - s)
