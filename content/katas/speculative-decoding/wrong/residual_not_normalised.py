import torch


def accept_draft(draft_tokens, draft_probs, target_probs, uniforms, residual_sample):
    out = []
    for i in range(draft_tokens.shape[0]):
        x = int(draft_tokens[i])
        if uniforms[i] < torch.clamp(target_probs[i, x] / draft_probs[i, x], max=1.0):
            out.append(x)
            continue
        # Mistake: clips but does not renormalise, so the "distribution" sums to less than 1.
        residual = torch.clamp(target_probs[i] - draft_probs[i], min=0.0)
        out.append(int(residual_sample(residual)))
        return out
    out.append(int(residual_sample(target_probs[-1])))
    return out
