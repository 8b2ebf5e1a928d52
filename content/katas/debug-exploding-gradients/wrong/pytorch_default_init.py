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
        self.net = nn.Sequential(*layers)  # nn.Linear's own default initialisation

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
