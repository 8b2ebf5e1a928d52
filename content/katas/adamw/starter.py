import torch


class AdamW:
    """Adam with decoupled weight decay, matching torch.optim.AdamW."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        raise NotImplementedError

    def step(self):
        """Update every parameter that has a gradient, in place."""
        raise NotImplementedError

    def zero_grad(self):
        """Reset the gradients of all parameters."""
        raise NotImplementedError
