import torch


def layer_norm(x, weight, bias, eps=1e-5):
    mean = x.mean(dim=-1, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=-1, keepdim=True)
    # Mistake: adds eps to the standard deviation instead of the variance.
    return (x - mean) / (torch.sqrt(var) + eps) * weight + bias
