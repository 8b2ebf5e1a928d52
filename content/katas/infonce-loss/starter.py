import torch
import torch.nn.functional as F


def info_nce(z1, z2, temperature):
    """Symmetric InfoNCE over paired embeddings z1[i] <-> z2[i].

    z1, z2: (N, D). Normalise rows, logits = z1n @ z2n.T / temperature,
    loss = (CE(logits, arange) + CE(logits.T, arange)) / 2. Returns a 0-dim tensor.
    """
    raise NotImplementedError
