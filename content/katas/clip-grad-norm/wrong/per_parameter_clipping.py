import torch


def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    total = torch.sqrt(sum((g.detach() ** 2).sum() for g in grads))
    # Clips each gradient to max_norm on its own, changing the overall direction.
    for g in grads:
        norm = g.detach().norm()
        if norm > max_norm:
            g.detach().mul_(max_norm / (norm + 1e-6))
    return total
