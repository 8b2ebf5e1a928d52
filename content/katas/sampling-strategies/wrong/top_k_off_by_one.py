import torch


def greedy(logits):
    return torch.argmax(logits, dim=-1)


def top_k_filter(logits, k):
    if k >= logits.shape[-1]:
        return logits.clone()
    sorted_logits = torch.sort(logits, dim=-1, descending=True).values
    # Mistake: sorted_logits[..., k] is the (k+1)-th largest, so k + 1 entries survive.
    threshold = sorted_logits[..., k : k + 1]
    return logits.masked_fill(logits < threshold, float("-inf"))


def top_p_filter(logits, p):
    probs = torch.softmax(logits, dim=-1)
    sorted_probs, order = torch.sort(probs, dim=-1, descending=True)
    remove_sorted = (torch.cumsum(sorted_probs, dim=-1) - sorted_probs) >= p
    remove = remove_sorted.scatter(-1, order, remove_sorted)
    return logits.masked_fill(remove, float("-inf"))


def sample(logits, temperature, generator):
    probs = torch.softmax(logits / temperature, dim=-1)
    return torch.multinomial(probs, num_samples=1, generator=generator).squeeze(-1)
