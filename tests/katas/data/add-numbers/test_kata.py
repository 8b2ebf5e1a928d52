"""Fixture kata for the runner's tests: no torch, two quick tests."""


def test_small(submission, device):
    assert submission.add(2, 3) == 5


def test_negative(submission, device):
    assert submission.add(-2, 1) == -1
