import torch


def weighted_mse(pred, target, weight=None):
    err = pred - target.unsqueeze(-1)  # (N, 1) - (N, 1): fine here...
    sq = err ** 2
    if weight is None:
        return sq.mean()
    return (weight * sq).sum() / weight.sum()  # ...but (N,) * (N, 1) broadcasts again
