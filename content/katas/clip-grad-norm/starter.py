import torch


def clip_grad_norm(parameters, max_norm):
    """Clip the gradients of `parameters` in place to a global L2 norm of at most max_norm.

    parameters: iterable of tensors (may be a generator); params with grad None are skipped.
    Returns the total L2 norm before clipping, as a 0-dim tensor.
    """
    raise NotImplementedError
