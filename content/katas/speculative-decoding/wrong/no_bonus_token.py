import torch


def accept_draft(draft_tokens, draft_probs, target_probs, uniforms, residual_sample):
    out = []
    for i in range(draft_tokens.shape[0]):
        x = int(draft_tokens[i])
        if float(uniforms[i]) * float(draft_probs[i, x]) < float(target_probs[i, x]):
            out.append(x)
            continue
        residual = torch.clamp(target_probs[i] - draft_probs[i], min=0.0)
        out.append(int(residual_sample(residual / residual.sum())))
        return out
    # Mistake: when every draft is accepted, the free token from target_probs[K] is never sampled.
    return out
