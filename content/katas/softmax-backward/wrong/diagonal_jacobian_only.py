import torch


def softmax_backward(y, grad_y):
    # dy_i/dx_i = y_i (1 - y_i), treating the Jacobian as diagonal.
    return y * (1 - y) * grad_y
