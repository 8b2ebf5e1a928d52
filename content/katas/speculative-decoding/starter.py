import torch


def accept_draft(draft_tokens, draft_probs, target_probs, uniforms, residual_sample):
    """Speculative-sampling acceptance.

    draft_tokens (K,), draft_probs (K, V), target_probs (K + 1, V), uniforms (K,).
    Accept token i if uniforms[i] < min(1, p_i(x) / q_i(x)); on the first rejection append
    residual_sample(normalised max(0, p_i - q_i)) and stop; if all are accepted append
    residual_sample(target_probs[K]). Returns a list of ints.
    """
    raise NotImplementedError
