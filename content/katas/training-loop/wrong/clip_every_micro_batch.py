import torch


def train(model, loss_fn, batches, optimizer, accumulation_steps, max_grad_norm):
    losses = []
    optimizer.zero_grad()
    for start in range(0, len(batches), accumulation_steps):
        group = batches[start : start + accumulation_steps]
        total = 0.0
        for inputs, targets in group:
            loss = loss_fn(model(inputs), targets)
            (loss / len(group)).backward()
            total += loss.item()
            # Clips the partial sum after every micro-batch instead of the full gradient.
            if max_grad_norm is not None:
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
        optimizer.step()
        optimizer.zero_grad()
        losses.append(total / len(group))
    return losses
