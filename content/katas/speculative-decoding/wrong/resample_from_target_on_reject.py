import torch


def accept_draft(draft_tokens, draft_probs, target_probs, uniforms, residual_sample):
    out = []
    for i in range(draft_tokens.shape[0]):
        x = int(draft_tokens[i])
        if uniforms[i] < min(1.0, float(target_probs[i, x] / draft_probs[i, x])):
            out.append(x)
            continue
        # Mistake: resamples from the target itself, which over-weights tokens the draft likes.
        out.append(int(residual_sample(target_probs[i])))
        return out
    out.append(int(residual_sample(target_probs[-1])))
    return out
