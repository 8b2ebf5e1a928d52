import torch


def train(model, loss_fn, batches, optimizer, accumulation_steps, max_grad_norm):
    """Train with gradient accumulation; return the mean micro-batch loss of each optimizer step.

    batches: list of (inputs, targets). The last group may hold fewer than accumulation_steps
    micro-batches and still steps. max_grad_norm=None disables clipping.
    """
    raise NotImplementedError
