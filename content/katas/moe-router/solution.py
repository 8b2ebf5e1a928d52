import torch
import torch.nn.functional as F


def top_k_router(logits, k):
    n, num_experts = logits.shape
    top_logits, indices = torch.topk(logits, k, dim=-1)  # sorted, descending
    weights = torch.softmax(top_logits, dim=-1)
    slots = F.one_hot(indices, num_experts).sum(dim=(0, 1)).to(logits.dtype)  # (E,)
    f = slots / (n * k)
    p = torch.softmax(logits, dim=-1).mean(dim=0)  # (E,)
    aux_loss = num_experts * (f * p).sum()
    return weights, indices, aux_loss
