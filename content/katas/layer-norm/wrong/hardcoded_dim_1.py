import torch


def layer_norm(x, weight, bias, eps=1e-5):
    # Mistake: dim=1 is the last dimension only for 2-D inputs; (B, T, d) gets normalised over T.
    mean = x.mean(dim=1, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=1, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps) * weight + bias
