import torch


def greedy(logits):
    """(B, V) -> (B,) long: index of the largest logit per row."""
    raise NotImplementedError


def top_k_filter(logits, k):
    """Keep entries >= the k-th largest of their row; others become -inf. Returns a new (B, V) tensor."""
    raise NotImplementedError


def top_p_filter(logits, p):
    """Keep the smallest highest-probability prefix with total probability >= p; others become -inf."""
    raise NotImplementedError


def sample(logits, temperature, generator):
    """torch.multinomial(torch.softmax(logits / temperature, -1), 1, generator=generator) as (B,) long."""
    raise NotImplementedError
