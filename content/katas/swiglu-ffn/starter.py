import torch
import torch.nn.functional as F
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, d_model: int, d_hidden: int):
        """Create w_gate, w_up (d_model -> d_hidden) and w_down (d_hidden -> d_model), no biases."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x):
        """x: (..., d_model) -> (..., d_model): w_down(silu(w_gate(x)) * w_up(x))."""
        raise NotImplementedError
