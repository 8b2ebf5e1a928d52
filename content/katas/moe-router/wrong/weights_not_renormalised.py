import torch
import torch.nn.functional as F


def top_k_router(logits, k):
    n, num_experts = logits.shape
    probs = torch.softmax(logits, dim=-1)
    # Mistake: keeps the full-softmax probabilities of the selected experts without renormalising.
    weights, indices = torch.topk(probs, k, dim=-1)
    f = F.one_hot(indices, num_experts).sum(dim=(0, 1)).to(logits.dtype) / (n * k)
    aux_loss = num_experts * (f * probs.mean(dim=0)).sum()
    return weights, indices, aux_loss
