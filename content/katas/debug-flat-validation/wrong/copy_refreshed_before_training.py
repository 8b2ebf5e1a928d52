import copy

import torch
import torch.nn.functional as F


def evaluate(model, batches):
    """Mean of the per-batch MSE over (x, y) batches, without building a graph."""
    with torch.no_grad():
        return sum(F.mse_loss(model(x), y).item() for x, y in batches) / len(batches)


def fit(model, train_batches, val_batches, epochs, lr):
    """Plain SGD on the MSE. Returns (train_losses, val_losses), one mean per epoch."""
    # Validate on a copy in eval mode, so that dropout is never switched off in the model
    # being trained by accident.
    eval_model = copy.deepcopy(model).eval()
    train_losses, val_losses = [], []
    model.train()
    for _ in range(epochs):
        eval_model.load_state_dict(model.state_dict())  # refresh the validation copy
        running = 0.0
        for x, y in train_batches:
            model.zero_grad()
            loss = F.mse_loss(model(x), y)
            loss.backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= lr * p.grad
            running += loss.item()
        train_losses.append(running / len(train_batches))
        val_losses.append(evaluate(eval_model, val_batches))
    return train_losses, val_losses
