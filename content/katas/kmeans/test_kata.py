import pytest
import torch

from desktop.katas.checks import assert_close, assert_equal, assert_on_device


def _blobs(device, centers, n_per=30, std=1.0, seed=0, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    c = torch.tensor(centers, dtype=torch.float64)
    x = torch.cat([c[i] + std * torch.randn(n_per, c.shape[1], generator=gen, dtype=torch.float64)
                   for i in range(len(c))])
    truth = torch.arange(len(c)).repeat_interleave(n_per)
    return x.to(device=device, dtype=dtype), truth


def _check_output_types(x, k, centroids, labels, device):
    assert_on_device(centroids, device, name="centroids")
    assert_on_device(labels, device, name="labels")
    assert_equal(tuple(centroids.shape), (k, x.shape[1]), name="centroids.shape")
    assert_equal(tuple(labels.shape), (x.shape[0],), name="labels.shape")
    assert_equal(centroids.dtype, x.dtype, name="centroids.dtype")
    assert_equal(labels.dtype, torch.int64, name="labels.dtype")
    if not torch.isfinite(centroids).all():
        raise AssertionError(
            f"centroids contain NaN or inf:\n{centroids.cpu()}\n"
            "an empty cluster must not be set to the mean of zero points (0 / 0)"
        )
    if int(labels.min()) < 0 or int(labels.max()) >= k:
        raise AssertionError(f"labels must lie in [0, {k}), got {labels.unique().tolist()}")


def _check_labels_are_nearest(x, centroids, labels, context):
    d = ((x[:, None, :].double() - centroids[None, :, :].double()) ** 2).sum(-1)  # (N, k)
    nearest = d.min(dim=1).values
    own = d.gather(1, labels[:, None]).squeeze(1)
    bad = own > nearest * (1 + 1e-4) + 1e-6
    if bad.any():
        i = int(bad.nonzero()[0])
        raise AssertionError(
            f"{int(bad.sum())} of {len(labels)} points are not labelled with their nearest "
            f"returned centroid; e.g. point {i} {x[i].tolist()} has label {int(labels[i])} "
            f"(squared distance {float(own[i]):.4g}) but centroid {int(d[i].argmin())} is at "
            f"{float(nearest[i]):.4g} (labels = argmin over the k centroids of the squared "
            "distance).\n"
            + context
        )


def _check_centroids_are_means(x, centroids, labels, context):
    for j in range(centroids.shape[0]):
        members = x[labels == j]
        if len(members) == 0:
            continue
        assert_close(
            centroids[j],
            members.mean(dim=0),
            rtol=1e-4,
            atol=1e-4,
            name=f"centroids[{j}]",
            context=f"a centroid must be the mean of the {len(members)} points labelled {j}. "
            + context,
        )


def _same_partition(labels, truth):
    labels, truth = labels.cpu(), truth.cpu()
    return bool(((labels[:, None] == labels[None]) == (truth[:, None] == truth[None])).all())


def test_tiny_example_by_hand(submission, device):
    x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [10.0, 10.0], [10.0, 11.0]], device=device)
    centroids, labels = submission.kmeans(x, 2)
    _check_output_types(x, 2, centroids, labels, device)
    if not _same_partition(labels, torch.tensor([0, 0, 1, 1])):
        raise AssertionError(
            f"labels {labels.tolist()} for points [[0,0],[0,1],[10,10],[10,11]] with k=2; "
            "expected the first two points in one cluster and the last two in the other"
        )
    order = labels[[0, 2]]
    assert_close(
        centroids[order],
        torch.tensor([[0.0, 0.5], [10.0, 10.5]], device=device),
        name="centroids (ordered as [cluster of point 0, cluster of point 2])",
        context="the centroids are the means [0, 0.5] and [10, 10.5]",
    )


@pytest.mark.parametrize("seed", [0, 1])
def test_recovers_well_separated_blobs(submission, device, seed):
    x, truth = _blobs(device, [[0, 0], [100, 0], [0, 100]], seed=seed)
    centroids, labels = submission.kmeans(x, 3, seed=seed)
    _check_output_types(x, 3, centroids, labels, device)
    if not _same_partition(labels, truth):
        table = torch.zeros(3, 3, dtype=torch.long)
        for t, lab in zip(truth.tolist(), labels.cpu().tolist(), strict=True):
            table[t, lab] += 1
        raise AssertionError(
            "three blobs of 30 points (std 1) centred at (0,0), (100,0), (0,100) were not "
            f"separated (kmeans seed={seed}); rows are true blobs, columns your labels:\n"
            f"{table}\nlikely a poor initialisation (two centroids in one blob): try k-means++"
        )


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_converged_result_is_a_fixed_point(submission, device, dtype):
    if device == "mps" and dtype == torch.float64:
        pytest.skip("MPS has no float64")
    x, _ = _blobs(device, [[0, 0, 0], [6, 0, 0], [0, 6, 0], [6, 6, 3]], n_per=25, std=1.5,
                  seed=3, dtype=dtype)
    centroids, labels = submission.kmeans(x, 4, n_iters=100, seed=0)
    _check_output_types(x, 4, centroids, labels, device)
    context = f"4 overlapping blobs, 100 points in 3-D, k=4, n_iters=100, {dtype}"
    _check_labels_are_nearest(x, centroids, labels, context)
    _check_centroids_are_means(x, centroids, labels, context)


def test_labels_match_centroids_after_one_iteration(submission, device):
    gen = torch.Generator().manual_seed(4)
    x = torch.rand(60, 2, generator=gen).to(device)
    for n_iters in (1, 2):
        centroids, labels = submission.kmeans(x, 5, n_iters=n_iters, seed=1)
        _check_output_types(x, 5, centroids, labels, device)
        _check_labels_are_nearest(
            x, centroids, labels,
            f"60 uniform points, k=5, n_iters={n_iters}: the labels must be the argmin to the "
            "centroids you return, even when the iterations stop before convergence "
            "(recompute them after the last centroid update)",
        )


def test_empty_cluster_keeps_finite_centroid(submission, device):
    x = torch.tensor([[0.0, 0.0]] * 3 + [[5.0, 5.0]] * 3, device=device)
    centroids, labels = submission.kmeans(x, 3, seed=0)
    # Only two distinct points, so at least one of the three clusters ends up empty.
    _check_output_types(x, 3, centroids, labels, device)
    _check_labels_are_nearest(x, centroids, labels, "3 copies of (0,0) and 3 of (5,5), k=3")
    _check_centroids_are_means(x, centroids, labels, "3 copies of (0,0) and 3 of (5,5), k=3")


def test_same_seed_same_result(submission, device):
    gen = torch.Generator().manual_seed(5)
    x = torch.rand(50, 3, generator=gen).to(device)
    c1, l1 = submission.kmeans(x, 4, seed=7)
    c2, l2 = submission.kmeans(x, 4, seed=7)
    assert_close(l1, l2, name="labels of a second call with the same seed",
                 context="kmeans must be deterministic for a given seed")
    assert_close(c1, c2, name="centroids of a second call with the same seed")
