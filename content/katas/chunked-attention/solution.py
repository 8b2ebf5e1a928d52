import math

import torch


def chunked_attention(q, k, v, chunk_size=128, causal=False):
    tq, d = q.shape[-2], q.shape[-1]
    tk = k.shape[-2]
    if causal and tq != tk:
        raise ValueError("causal attention needs Tq == Tk")
    q = q * (1.0 / math.sqrt(d))
    shape = q.shape[:-1] + (1,)
    m = torch.full(shape, float("-inf"), dtype=q.dtype, device=q.device)  # running max
    row_sum = torch.zeros(shape, dtype=q.dtype, device=q.device)  # running sum of exp(s - m)
    acc = torch.zeros(q.shape[:-1] + (v.shape[-1],), dtype=q.dtype, device=q.device)
    q_pos = torch.arange(tq, device=q.device)
    for start in range(0, tk, chunk_size):
        kc = k[..., start : start + chunk_size, :]
        vc = v[..., start : start + chunk_size, :]
        s = q @ kc.transpose(-2, -1)  # (..., Tq, c)
        if causal:
            k_pos = torch.arange(start, start + kc.shape[-2], device=q.device)
            s = s.masked_fill(k_pos[None, :] > q_pos[:, None], float("-inf"))
        m_new = torch.maximum(m, s.amax(dim=-1, keepdim=True))
        # Chunk 0 holds key 0, visible to every query, so m_new is finite from the start.
        p = torch.exp(s - m_new)
        scale = torch.exp(m - m_new)  # rescale what was accumulated under the old max
        row_sum = row_sum * scale + p.sum(dim=-1, keepdim=True)
        acc = acc * scale + p @ vc
        m = m_new
    return acc / row_sum
