import math

import torch


def chunked_attention(q, k, v, chunk_size=128, causal=False):
    tq, d = q.shape[-2], q.shape[-1]
    tk = k.shape[-2]
    q = q / math.sqrt(d)
    m = torch.full(q.shape[:-1] + (1,), float("-inf"), dtype=q.dtype, device=q.device)
    l = torch.zeros(q.shape[:-1] + (1,), dtype=q.dtype, device=q.device)
    acc = torch.zeros(q.shape[:-1] + (v.shape[-1],), dtype=q.dtype, device=q.device)
    q_pos = torch.arange(tq, device=q.device)
    for start in range(0, tk, chunk_size):
        kc, vc = k[..., start : start + chunk_size, :], v[..., start : start + chunk_size, :]
        s = q @ kc.transpose(-2, -1)
        if causal:
            k_pos = torch.arange(start, start + kc.shape[-2], device=q.device)
            s = s.masked_fill(k_pos[None, :] > q_pos[:, None], float("-inf"))
        m = torch.maximum(m, s.amax(dim=-1, keepdim=True))
        p = torch.exp(s - m)
        # Mistake: the sums built under the previous max are not rescaled by exp(m_old - m_new).
        l = l + p.sum(dim=-1, keepdim=True)
        acc = acc + p @ vc
    return acc / l
