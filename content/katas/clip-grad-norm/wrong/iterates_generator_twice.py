import torch


def clip_grad_norm(parameters, max_norm):
    # A generator is exhausted after the first loop: the second loop sees nothing.
    total_sq = 0.0
    for p in parameters:
        if p.grad is not None:
            total_sq = total_sq + (p.grad.detach() ** 2).sum()
    total = torch.as_tensor(total_sq) ** 0.5
    if total > max_norm:
        coef = max_norm / (total + 1e-6)
        for p in parameters:
            if p.grad is not None:
                p.grad.detach().mul_(coef)
    return total
