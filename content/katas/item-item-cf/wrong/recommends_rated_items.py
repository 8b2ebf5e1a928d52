import numpy as np


def item_similarity(R):
    R = np.asarray(R, dtype=np.float64)
    norms = np.linalg.norm(R, axis=0)  # one norm per item column
    safe = np.where(norms > 0, norms, 1.0)
    unit = R / safe  # zero columns stay zero
    return unit.T @ unit


def predict(R, sim, user, item, k):
    R = np.asarray(R, dtype=np.float64)
    ratings = R[user]
    candidates = np.flatnonzero(ratings != 0)
    candidates = candidates[candidates != item]
    if len(candidates) == 0:
        return 0.0
    # Most similar first; the stable sort keeps lower item indices first among ties.
    order = np.argsort(-sim[item, candidates], kind="stable")
    neighbours = candidates[order[:k]]
    weights = sim[item, neighbours]
    denominator = np.abs(weights).sum()
    if denominator == 0:
        return 0.0
    return float(weights @ ratings[neighbours] / denominator)


def recommend(R, sim, user, k, n):
    R = np.asarray(R, dtype=np.float64)
    unrated = np.arange(R.shape[1])
    scores = np.array([predict(R, sim, user, int(i), k) for i in unrated])
    order = np.argsort(-scores, kind="stable")
    return [int(i) for i in unrated[order[:n]]]
