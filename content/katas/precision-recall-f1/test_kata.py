import warnings

import numpy as np
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.katas.checks import assert_close

HYPOTHESIS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)


def _reference(y_true, y_pred):
    tp = fp = fn = 0
    for t, p in zip(y_true, y_pred, strict=True):
        if t and p:
            tp += 1
        elif p:
            fp += 1
        elif t:
            fn += 1
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return precision, recall, f1


def _check(submission, y_true, y_pred, expected=None):
    context = f"y_true={[int(v) for v in y_true]}, y_pred={[int(v) for v in y_pred]}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = submission.precision_recall_f1(y_true, y_pred)
        except (ZeroDivisionError, RuntimeWarning, FloatingPointError) as exc:
            raise AssertionError(
                f"{type(exc).__name__}: {exc}\n{context}\n"
                "when a denominator is zero the metric is defined as 0.0"
            ) from None
    expected = _reference(y_true, y_pred) if expected is None else expected
    names = ("precision", "recall", "f1")
    if len(result) != 3:
        raise AssertionError(f"expected a tuple (precision, recall, f1), got {result!r}")
    for name, got, want in zip(names, result, expected, strict=True):
        assert_close(float(got), float(want), rtol=1e-9, atol=1e-12, name=name, context=context)


def test_tiny_example_by_hand(submission):
    # TP = 1, FP = 0, FN = 2.
    _check(submission, [1, 1, 1, 0], [1, 0, 0, 0], expected=(1.0, 1 / 3, 0.5))


def test_balanced_errors(submission):
    # TP = 2, FP = 1, FN = 1, TN = 1.
    _check(submission, [1, 1, 0, 0, 1], [1, 0, 1, 0, 1], expected=(2 / 3, 2 / 3, 2 / 3))


def test_zero_denominators_give_zero(submission):
    _check(submission, [1, 0, 1], [0, 0, 0], expected=(0.0, 0.0, 0.0))  # nothing predicted
    _check(submission, [0, 0, 0], [1, 0, 1], expected=(0.0, 0.0, 0.0))  # no positives
    _check(submission, [0, 0], [0, 0], expected=(0.0, 0.0, 0.0))
    _check(submission, [], [], expected=(0.0, 0.0, 0.0))


def test_numpy_and_bool_inputs(submission):
    _check(submission, np.array([1, 0, 1, 1, 0, 1]), np.array([1, 1, 1, 0, 0, 0]),
           expected=(2 / 3, 0.5, 4 / 7))
    _check(submission, np.array([True, False, True]), np.array([True, True, False]),
           expected=(0.5, 0.5, 0.5))


def test_length_mismatch_raises(submission):
    try:
        result = submission.precision_recall_f1([1, 0, 1], [1, 0])
    except ValueError:
        return
    raise AssertionError(
        f"precision_recall_f1([1, 0, 1], [1, 0]) returned {result!r}; labels of different "
        "lengths must raise ValueError (zip would silently drop the extra label)"
    )


@HYPOTHESIS
@given(pairs=st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1)), max_size=30))
def test_matches_loop_reference(submission, pairs):
    y_true = [t for t, _ in pairs]
    y_pred = [p for _, p in pairs]
    _check(submission, y_true, y_pred)
