import torch
import torch.nn.functional as F


def top_k_router(logits, k):
    n, num_experts = logits.shape
    top_logits, indices = torch.topk(logits, k, dim=-1)
    weights = torch.softmax(top_logits, dim=-1)
    f = F.one_hot(indices, num_experts).sum(dim=(0, 1)).to(logits.dtype) / (n * k)
    p = torch.softmax(logits, dim=-1).mean(dim=0)
    # Mistake: forgets the factor E, so the loss shrinks as experts are added.
    aux_loss = (f * p).sum()
    return weights, indices, aux_loss
