import torch
import torch.nn.functional as F


def top_k_router(logits, k):
    n, num_experts = logits.shape
    top_logits, indices = torch.topk(logits, k, dim=-1)
    weights = torch.softmax(top_logits, dim=-1)
    f = F.one_hot(indices, num_experts).sum(dim=(0, 1)).to(logits.dtype) / (n * k)
    # Mistake: P_e built from the renormalised top-k gates (zero for unselected experts)
    # instead of the full softmax over all experts.
    gates = torch.zeros_like(logits).scatter(1, indices, weights)
    aux_loss = num_experts * (f * gates.mean(dim=0)).sum()
    return weights, indices, aux_loss
