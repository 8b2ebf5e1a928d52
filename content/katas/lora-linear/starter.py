import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """Bias-free linear layer: frozen weight (out, in) plus a trainable rank-r update B @ A."""

    def __init__(self, in_features, out_features, rank, alpha):
        super().__init__()
        raise NotImplementedError

    def forward(self, x):
        """x: (..., in_features) -> (..., out_features)."""
        raise NotImplementedError

    def merged_weight(self):
        """weight + (alpha / rank) * lora_B @ lora_A, shape (out_features, in_features)."""
        raise NotImplementedError
