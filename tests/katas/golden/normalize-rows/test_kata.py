"""Golden-test fixture kata: plain NumPy, one Hypothesis property."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from desktop.katas.checks import assert_close, assert_equal


def test_by_hand(submission, device):
    x = np.array([[1.0, 3.0], [2.0, 2.0]])
    expected = np.array([[0.25, 0.75], [0.5, 0.5]])
    assert_close(submission.normalize_rows(x), expected, name="rows")


def test_keeps_shape(submission, device):
    x = np.ones((3, 4))
    assert_equal(submission.normalize_rows(x).shape, (3, 4), name="shape")


@given(row=st.lists(st.integers(1, 9), min_size=1, max_size=5))
def test_each_row_sums_to_one(submission, device, row):
    out = submission.normalize_rows(np.array([row], dtype=float))
    assert abs(float(out.sum()) - 1.0) < 1e-9, f"row {row} sums to {float(out.sum())}"
