import math


def lr_at(step, base_lr, warmup_steps, total_steps, min_lr=0.0):
    """Learning rate at 0-based optimizer step `step`: linear warmup, cosine decay, then min_lr."""
    raise NotImplementedError
