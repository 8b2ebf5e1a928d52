import torch


def kmeans(x, k, n_iters=100, seed=0):
    """Lloyd's k-means on x (N, D).

    Return (centroids (k, D) with x's dtype and device, labels (N,) int64 on x's device),
    where labels[i] is the index of the centroid nearest to x[i] among the returned centroids.
    Use `seed` for all randomness (e.g. torch.Generator().manual_seed(seed)).
    """
    raise NotImplementedError
