import numpy as np
import pytest
import torch

from desktop.katas.checks import assert_close, assert_equal, assert_on_device


def test_accepts_close_values_and_matching_infinities():
    assert_close(torch.tensor([1.0, float("-inf")]), torch.tensor([1.0 + 1e-7, float("-inf")]))
    assert_close(np.array([np.nan, 2.0]), np.array([np.nan, 2.0]))


@pytest.mark.parametrize(
    ("actual", "expected", "message"),
    [
        (torch.tensor([0.0, 5.0]), torch.tensor([0.0, float("-inf")]), "1 of 2 values differ"),
        (torch.tensor([float("inf")]), torch.tensor([3.0]), "1 of 1 values differ"),
        (torch.ones(2, 3), torch.ones(3, 2), "shape mismatch"),
        (torch.ones(2, dtype=torch.float64), torch.ones(2), "dtype mismatch"),
        ([1.0, 2.0], torch.ones(2), "expected a torch tensor"),
        (torch.tensor([1.0, 2.5]), torch.tensor([1.0, 2.0]), "first mismatch at index (1,)"),
        (torch.tensor([float("nan")]), torch.tensor([1.0]), "NaN"),
    ],
)
def test_rejects_wrong_values_with_a_useful_message(actual, expected, message):
    with pytest.raises(AssertionError) as raised:
        assert_close(actual, expected)
    assert message in str(raised.value)


def test_device_and_equality_helpers():
    assert_on_device(torch.ones(1), "cpu")
    with pytest.raises(AssertionError, match="on cpu but the inputs were on cuda"):
        assert_on_device(torch.ones(1), "cuda")
    with pytest.raises(AssertionError, match="expected 3, got 4"):
        assert_equal(4, 3)
