import torch
import torch.nn.functional as F


def evaluate(model, batches):
    """Mean of the per-batch MSE over (x, y) batches, without building a graph."""
    with torch.no_grad():
        return sum(F.mse_loss(model(x), y).item() for x, y in batches) / len(batches)


def fit(model, train_batches, val_batches, epochs, lr):
    """Plain SGD on the MSE. Returns (train_losses, val_losses), one mean per epoch."""
    train_losses, val_losses = [], []
    for _ in range(epochs):
        model.train()
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
        # Validate the model as it is now, with dropout off, then go back to training mode.
        model.eval()
        val_losses.append(evaluate(model, val_batches))
        model.train()
    return train_losses, val_losses
