import torch


def _sq_distances(x, centroids):
    """(N, k) squared Euclidean distances."""
    return ((x[:, None, :] - centroids[None, :, :]) ** 2).sum(dim=-1)


def _kmeans_pp_init(x, k, generator):
    n = x.shape[0]
    first = torch.randint(n, (1,), generator=generator).item()
    centroids = [x[first]]
    closest = _sq_distances(x, x[first][None]).squeeze(1)
    for _ in range(1, k):
        weights = closest.cpu().double()
        if float(weights.sum()) == 0.0:  # fewer distinct points than clusters
            idx = torch.randint(n, (1,), generator=generator).item()
        else:
            idx = torch.multinomial(weights, 1, generator=generator).item()
        centroids.append(x[idx])
        closest = torch.minimum(closest, _sq_distances(x, x[idx][None]).squeeze(1))
    return torch.stack(centroids)


def kmeans(x, k, n_iters=100, seed=0):
    generator = torch.Generator().manual_seed(seed)
    centroids = _kmeans_pp_init(x, k, generator)
    labels = None
    for _ in range(n_iters):
        new_labels = _sq_distances(x, centroids).argmin(dim=1)
        if labels is not None and torch.equal(new_labels, labels):
            break
        labels = new_labels
        one_hot = torch.nn.functional.one_hot(labels, k).to(x.dtype)  # (N, k)
        counts = one_hot.sum(dim=0)
        sums = one_hot.T @ x
        centroids = sums / counts[:, None]
    labels = _sq_distances(x, centroids).argmin(dim=1)
    return centroids, labels
