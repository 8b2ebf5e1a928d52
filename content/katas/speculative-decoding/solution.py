import torch


def accept_draft(draft_tokens, draft_probs, target_probs, uniforms, residual_sample):
    out = []
    for i in range(draft_tokens.shape[0]):
        x = int(draft_tokens[i])
        p, q = target_probs[i, x], draft_probs[i, x]
        # u < min(1, p / q)  <=>  u * q < p  (q > 0 because x was sampled from q)
        if float(uniforms[i]) * float(q) < float(p):
            out.append(x)
            continue
        residual = torch.clamp(target_probs[i] - draft_probs[i], min=0.0)
        out.append(int(residual_sample(residual / residual.sum())))
        return out
    out.append(int(residual_sample(target_probs[-1])))
    return out
