import torch


def weighted_mse(pred, target, weight=None):
    """Mean squared error of a regression head, optionally weighted per sample.

    pred: (N, 1) output of nn.Linear(..., 1) (or already (N,)); target: (N,); weight: (N,) or None.
    Unweighted: mean_i (pred_i - target_i)^2.
    Weighted: sum_i w_i (pred_i - target_i)^2 / sum_i w_i.
    Returns a 0-dim tensor.
    """
    err = pred - target
    sq = err**2
    if weight is None:
        return sq.mean()
    return (weight * sq).sum() / weight.sum()
