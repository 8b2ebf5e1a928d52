import torch
import torch.nn.functional as F


def top_k_router(logits, k):
    n, num_experts = logits.shape
    top_logits, indices = torch.topk(logits, k, dim=-1)
    weights = torch.softmax(top_logits, dim=-1)
    # Mistake: divides the slot counts by N instead of N * k, so the f_e sum to k, not 1.
    f = F.one_hot(indices, num_experts).sum(dim=(0, 1)).to(logits.dtype) / n
    p = torch.softmax(logits, dim=-1).mean(dim=0)
    aux_loss = num_experts * (f * p).sum()
    return weights, indices, aux_loss
