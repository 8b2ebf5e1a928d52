"""Assertions for kata tests that explain a mismatch the way a person debugging it needs.

Imported by kata tests inside the worker; torch and numpy are imported lazily so that
this module costs nothing in the GUI process.
"""

from __future__ import annotations

import math
from typing import Any

EXCERPT_ITEMS = 6


def _is_tensor(value: Any) -> bool:
    return type(value).__module__.startswith("torch") and hasattr(value, "detach")


def _to_numpy(value: Any):
    import numpy as np

    if _is_tensor(value):
        tensor = value.detach()
        if tensor.dtype.is_floating_point and tensor.dtype not in _numpy_float_dtypes():
            tensor = tensor.float()
        return tensor.cpu().numpy()
    return np.asarray(value)


def _numpy_float_dtypes():
    import torch

    return (torch.float16, torch.float32, torch.float64)


def _excerpt(array, start: int = 0, limit: int = EXCERPT_ITEMS) -> str:
    """A few values of the flattened array starting at ``start``."""
    flat = array.reshape(-1)
    start = max(0, min(start, flat.size - limit))
    items = ", ".join(_fmt(x) for x in flat[start : start + limit])
    before = "..., " if start > 0 else ""
    after = f", ... ({flat.size} values)" if start + limit < flat.size else ""
    return f"[{before}{items}{after}]"


def _fmt(x) -> str:
    try:
        value = float(x)
    except (TypeError, ValueError):
        return repr(x)
    if math.isnan(value) or math.isinf(value):
        return str(value)
    return f"{value:.6g}"


def describe(value: Any) -> str:
    """A short description of a value: type, shape, dtype, device."""
    if _is_tensor(value):
        return f"tensor shape={tuple(value.shape)} dtype={value.dtype} device={value.device}"
    if type(value).__module__ == "numpy" and hasattr(value, "shape"):
        return f"ndarray shape={value.shape} dtype={value.dtype}"
    return type(value).__name__


def default_tolerances(value: Any) -> tuple[float, float]:
    """(rtol, atol) suited to a value's dtype: loose for half precision, tight for float64."""
    name = str(getattr(value, "dtype", "float32"))
    if "float16" in name or "bfloat16" in name:
        return 1e-2, 1e-2
    if "float64" in name:
        return 1e-7, 1e-9
    return 1e-4, 1e-5


def assert_close(
    actual: Any,
    expected: Any,
    *,
    rtol: float | None = None,
    atol: float | None = None,
    name: str = "output",
    check_dtype: bool = True,
    check_device: bool = True,
    context: str = "",
) -> None:
    """Assert that ``actual`` matches ``expected`` and explain the first difference if not.

    Works for torch tensors, numpy arrays and (nested) Python numbers. For tensors the
    shape, then the dtype, then the device are checked before the values.
    """
    prefix = f"{name}: " if name else ""
    suffix = f"\n{context}" if context else ""
    if _is_tensor(expected):
        if not _is_tensor(actual):
            raise AssertionError(f"{prefix}expected a torch tensor, got {describe(actual)}{suffix}")
        if tuple(actual.shape) != tuple(expected.shape):
            raise AssertionError(
                f"{prefix}shape mismatch: expected {tuple(expected.shape)}, "
                f"got {tuple(actual.shape)}{suffix}"
            )
        if check_dtype and actual.dtype != expected.dtype:
            raise AssertionError(
                f"{prefix}dtype mismatch: expected {expected.dtype}, got {actual.dtype}{suffix}"
            )
        if check_device and actual.device.type != expected.device.type:
            raise AssertionError(
                f"{prefix}device mismatch: expected a tensor on {expected.device.type}, "
                f"got one on {actual.device.type} (create new tensors on the input's device, "
                f"e.g. torch.zeros(..., device=x.device)){suffix}"
            )
    import numpy as np

    got = _to_numpy(actual)
    want = _to_numpy(expected)
    if got.shape != want.shape:
        raise AssertionError(
            f"{prefix}shape mismatch: expected {want.shape}, got {got.shape}{suffix}"
        )
    default_rtol, default_atol = default_tolerances(expected)
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    if want.dtype.kind in "biu" and got.dtype.kind in "biu":
        bad = got != want
    else:
        got_f = got.astype(np.float64)
        want_f = want.astype(np.float64)
        both_nan = np.isnan(got_f) & np.isnan(want_f)
        with np.errstate(invalid="ignore"):
            bad = ~(np.abs(got_f - want_f) <= atol + rtol * np.abs(want_f)) & ~both_nan
        same_inf = np.isinf(got_f) & np.isinf(want_f) & (np.sign(got_f) == np.sign(want_f))
        bad &= ~same_inf
        # rtol * inf is inf, so an infinite expectation would accept any finite value.
        bad |= (np.isinf(want_f) | np.isinf(got_f)) & ~same_inf
    if not bad.any():
        return
    got_f = got.astype(np.float64)
    want_f = want.astype(np.float64)
    with np.errstate(invalid="ignore"):
        abs_err = np.abs(got_f - want_f)
        rel_err = abs_err / np.maximum(np.abs(want_f), 1e-12)
    finite = np.isfinite(abs_err)
    max_abs = float(abs_err[finite].max()) if finite.any() else float("nan")
    max_rel = float(rel_err[finite].max()) if finite.any() else float("nan")
    first = tuple(int(i) for i in np.argwhere(bad)[0]) if bad.ndim else ()
    where = f"index {first}" if first else "the value"
    lines = [
        f"{prefix}{int(bad.sum())} of {bad.size} values differ (rtol={rtol:g}, atol={atol:g})",
        f"  max abs error {_fmt(max_abs)}, max rel error {_fmt(max_rel)}",
        f"  first mismatch at {where}: expected {_fmt(want_f[first])}, got {_fmt(got_f[first])}",
    ]
    if np.isnan(got_f).any() and not np.isnan(want_f).any():
        lines.append("  your output contains NaN (look for log(0), 0/0 or overflow in exp)")
    if got.size > 1:
        flat_index = int(np.ravel_multi_index(first, bad.shape)) if first else 0
        lines.append(f"  expected {_excerpt(want_f, flat_index)}")
        lines.append(f"  got      {_excerpt(got_f, flat_index)}")
    raise AssertionError("\n".join(lines) + suffix)


def assert_on_device(value: Any, device: str, name: str = "output") -> None:
    """Assert that a tensor lives on the device the test asked for (no silent CPU fallback)."""
    if not _is_tensor(value):
        raise AssertionError(f"{name}: expected a torch tensor, got {describe(value)}")
    if value.device.type != str(device).split(":")[0]:
        raise AssertionError(
            f"{name}: the result is on {value.device.type} but the inputs were on {device}; "
            "keep every tensor on the input's device"
        )


def assert_equal(actual: Any, expected: Any, name: str = "result", context: str = "") -> None:
    """Exact equality for plain values, with both sides shown."""
    if actual != expected:
        suffix = f"\n{context}" if context else ""
        raise AssertionError(f"{name}: expected {expected!r}, got {actual!r}{suffix}")
