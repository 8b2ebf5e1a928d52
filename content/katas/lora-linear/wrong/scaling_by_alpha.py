import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, rank, alpha):
        super().__init__()
        self.scaling = alpha
        self.weight = nn.Parameter(torch.empty(out_features, in_features), requires_grad=False)
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        self.lora_A = nn.Parameter(torch.randn(rank, in_features) / math.sqrt(in_features))
        self.lora_B = nn.Parameter(torch.zeros(out_features, rank))

    def forward(self, x):
        base = x @ self.weight.T
        update = (x @ self.lora_A.T) @ self.lora_B.T
        return base + self.scaling * update

    def merged_weight(self):
        return self.weight + self.scaling * (self.lora_B @ self.lora_A)
