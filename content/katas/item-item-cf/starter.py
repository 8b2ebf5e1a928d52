import numpy as np


def item_similarity(R):
    """Cosine similarity between the item columns of R (n_users, n_items); 0 = missing.

    Return (n_items, n_items); any pair involving an all-zero column has similarity 0.
    """
    raise NotImplementedError


def predict(R, sim, user, item, k):
    """Predicted rating of `item` for `user`: similarity-weighted average of the user's ratings
    on the k items most similar to `item` among those the user rated (excluding `item`).

    sum(sim * rating) / sum(|sim|) over those neighbours; 0.0 if there are none or the
    denominator is 0. Ties in similarity: lower item index first.
    """
    raise NotImplementedError


def recommend(R, sim, user, k, n):
    """The n unrated items (R[user, i] == 0) with the highest predict(...), as a list of ints.

    Ties: lower item index first. Fewer than n if the user has fewer unrated items.
    """
    raise NotImplementedError
