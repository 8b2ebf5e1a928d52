import torch
from torch import nn


class DeepMLP(nn.Module):
    """A deep ReLU MLP for regression: `depth` blocks of Linear -> ReLU, then a Linear head."""

    def __init__(self, d_in, width, depth, d_out):
        super().__init__()
        layers = []
        fan_in = d_in
        for _ in range(depth):
            layers += [nn.Linear(fan_in, width), nn.ReLU()]
            fan_in = width
        layers.append(nn.Linear(fan_in, d_out))
        self.net = nn.Sequential(*layers)
        self.reset_parameters()

    def reset_parameters(self):
        for module in self.net:
            if isinstance(module, nn.Linear):
                nn.init.normal_(module.weight, mean=0.0, std=1.0)
                nn.init.zeros_(module.bias)

    def forward(self, x):
        return self.net(x)


def train(model, x, y, steps, lr):
    """Full-batch gradient descent on the mean squared error; returns every step's loss."""
    losses = []
    for _ in range(steps):
        model.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= lr * p.grad
        losses.append(loss.item())
    return losses
