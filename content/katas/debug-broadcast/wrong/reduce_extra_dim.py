import torch


def weighted_mse(pred, target, weight=None):
    err = (pred - target).mean(dim=1)  # back to (N,)
    sq = err ** 2
    if weight is None:
        return sq.mean()
    return (weight * sq).sum() / weight.sum()
