import math
import warnings

import numpy as np
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_close, assert_equal

HYPOTHESIS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)

# 4 users x 3 items.
R_SMALL = np.array([[5.0, 3.0, 0.0], [4.0, 0.0, 4.0], [0.0, 2.0, 1.0], [1.0, 1.0, 0.0]])


def _reference_similarity(R):
    n_items = R.shape[1]
    sim = np.zeros((n_items, n_items))
    for i in range(n_items):
        for j in range(n_items):
            ni, nj = math.sqrt(sum(R[:, i] ** 2)), math.sqrt(sum(R[:, j] ** 2))
            if ni > 0 and nj > 0:
                sim[i, j] = sum(R[:, i] * R[:, j]) / (ni * nj)
    return sim


def _reference_predict(R, sim, user, item, k):
    rated = [j for j in range(R.shape[1]) if j != item and R[user, j] != 0]
    rated.sort(key=lambda j: (-sim[item, j], j))
    top = rated[:k]
    den = sum(abs(sim[item, j]) for j in top)
    return sum(sim[item, j] * R[user, j] for j in top) / den if den > 0 else 0.0


def test_similarity_tiny_by_hand(submission):
    sim = np.asarray(submission.item_similarity(R_SMALL), dtype=float)
    assert_equal(sim.shape, (3, 3), name="item_similarity(R).shape",
                 context="R has 4 users and 3 items: the similarity is between items (columns)")
    a, b, c = R_SMALL.T
    cos_ab = 16 / math.sqrt(42 * 14)  # a=[5,4,0,1], b=[3,0,2,1]: dot 15 + 1
    cos_ac = 16 / math.sqrt(42 * 17)  # c=[0,4,1,0]: dot 16
    cos_bc = 2 / math.sqrt(14 * 17)
    expected = np.array([[1, cos_ab, cos_ac], [cos_ab, 1, cos_bc], [cos_ac, cos_bc, 1]])
    assert_close(sim, expected, rtol=1e-9, atol=1e-12, name="item_similarity",
                 context=f"R = {R_SMALL.tolist()} (rows are users, columns items, 0 = missing)")


def test_similarity_zero_column(submission):
    R = np.array([[1.0, 0.0, 2.0], [3.0, 0.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            sim = np.asarray(submission.item_similarity(R), dtype=float)
        except (RuntimeWarning, ZeroDivisionError, FloatingPointError) as exc:
            raise AssertionError(f"{type(exc).__name__}: {exc}; an item nobody rated has norm 0: "
                                 "its similarities are defined as 0, without dividing by 0") from None
    assert_close(sim[1], np.zeros(3), name="similarities of the unrated item 1",
                 context="R = [[1, 0, 2], [3, 0, 0]]: column 1 is all zeros")
    assert_close(sim[:, 1], np.zeros(3), name="similarities to the unrated item 1")


def test_similarity_matches_reference(submission):
    rng = np.random.default_rng(0)
    R = rng.integers(1, 6, size=(12, 7)) * (rng.random((12, 7)) < 0.5)
    R = R.astype(float)
    sim = np.asarray(submission.item_similarity(R), dtype=float)
    assert_close(sim, _reference_similarity(R), rtol=1e-9, atol=1e-12, name="item_similarity",
                 context="random 12 users x 7 items, about half the ratings missing")


def test_predict_tiny_by_hand(submission):
    R = np.array([[3.0, 4.0, 0.0, 2.0, 5.0]])
    sim = np.eye(5)
    sim[0] = sim[:, 0] = [1.0, 0.9, 0.95, 0.8, 0.1]
    got = submission.predict(R, sim, 0, 0, 2)
    assert_close(
        float(got),
        (0.9 * 4 + 0.8 * 2) / (0.9 + 0.8),
        name="predict(user=0, item=0, k=2)",
        context="the user rated items [0, 1, 3, 4] with [3, 4, 2, 5]; similarities to item 0 are "
        "[1, 0.9, 0.95, 0.8, 0.1]. Item 0 itself and the unrated item 2 are not neighbours, so "
        "the top 2 are items 1 and 3: (0.9*4 + 0.8*2) / (0.9 + 0.8)",
    )


def test_predict_edge_cases(submission):
    R = np.array([[0.0, 4.0, 0.0, 2.0], [1.0, 0.0, 0.0, 0.0]])
    sim = np.array([[1.0, 0.5, 0.2, 0.1], [0.5, 1.0, 0.0, 0.3], [0.2, 0.0, 1.0, 0.0],
                    [0.1, 0.3, 0.0, 1.0]])
    got = submission.predict(R, sim, 0, 0, 10)
    assert_close(float(got), (0.5 * 4 + 0.1 * 2) / 0.6, name="predict with k larger than "
                 "the number of rated items", context="k=10 but the user rated only items 1 "
                 "and 3: use both")
    got = submission.predict(R, sim, 1, 0, 3)
    assert_close(float(got), 0.0, name="predict(user=1, item=0)",
                 context="user 1 rated only item 0 itself: no neighbours, prediction 0.0")
    got = submission.predict(R, sim, 0, 2, 3)
    assert_close(float(got), 0.0, name="predict(user=0, item=2)",
                 context="item 2 has similarity 0 to everything the user rated: 0.0")


def test_recommend_by_hand(submission):
    R = np.array([[5.0, 0.0, 1.0, 0.0, 0.0, 0.0]])
    sim = np.eye(6)
    # Unrated items 1, 3, 4, 5; their predictions come from items 0 (rated 5) and 2 (rated 1).
    for i, (s0, s2) in {1: (0.2, 0.8), 3: (0.9, 0.1), 4: (0.5, 0.5), 5: (0.5, 0.5)}.items():
        sim[i, 0] = sim[0, i] = s0
        sim[i, 2] = sim[2, i] = s2
    got = [int(i) for i in submission.recommend(R, sim, 0, 2, 3)]
    assert_equal(got, [3, 4, 5], name="recommend(user=0, k=2, n=3)",
                 context="predictions for unrated items 1, 3, 4, 5 are 1.8, 4.6, 3.0, 3.0; items "
                 "0 and 2 are already rated; 4 and 5 tie, lower index first")
    got = [int(i) for i in submission.recommend(R, sim, 0, 2, 10)]
    assert_equal(got, [3, 4, 5, 1], name="recommend(user=0, k=2, n=10)",
                 context="only 4 unrated items exist: return all of them, best first")


@st.composite
def _matrices(draw):
    n_users = draw(st.integers(1, 5))
    n_items = draw(st.integers(2, 6))
    values = draw(st.lists(st.sampled_from([0, 0, 1, 2, 3, 4, 5]), min_size=n_users * n_items,
                           max_size=n_users * n_items))
    R = np.array(values, dtype=float).reshape(n_users, n_items)
    user = draw(st.integers(0, n_users - 1))
    item = draw(st.integers(0, n_items - 1))
    k = draw(st.integers(1, n_items))
    return R, user, item, k


@HYPOTHESIS
@given(case=_matrices())
def test_predict_matches_loop_reference(submission, case):
    R, user, item, k = case
    sim = _reference_similarity(R)
    got = submission.predict(R, sim, user, item, k)
    assert_close(float(got), _reference_predict(R, sim, user, item, k), rtol=1e-9, atol=1e-12,
                 name=f"predict(user={user}, item={item}, k={k})",
                 context=f"R = {R.astype(int).tolist()}, sim = item_similarity(R) "
                 f"= {np.round(sim, 3).tolist()}")
