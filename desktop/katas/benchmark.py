"""Bench mode (worker side): time a passing submission against the kata's reference solution.

A kata that sets ``bench = true`` defines ``bench_case(device)`` in its ``test_kata.py``,
returning ``(entry_point_name, args, kwargs)``: one realistic input. Both the submission's and
the reference's entry point are called on it, warmed up, then timed alternately (median of
N calls, ``torch.cuda.synchronize``/``torch.mps.synchronize`` around each on a GPU). Peak
memory is the CUDA allocator's peak on CUDA; elsewhere the peak of tensor storage created
during one call, tracked with a TorchDispatchMode (tracemalloc's peak where torch is not
loaded: pure Python and NumPy katas).
Runs inside the worker only; torch is imported lazily.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.katas.protocol import BenchReport

BENCH_CASE = "bench_case"
MIN_RUNS = 3
MAX_RUNS = 200


def _load_module(path: Path, name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(name, None)
    return module


def _synchronizer(device: str) -> Callable[[], None]:
    if device.startswith("cuda"):
        import torch

        return torch.cuda.synchronize
    if device.startswith("mps"):
        import torch

        return torch.mps.synchronize
    return lambda: None


def _python_peak_mb(call: Callable[[], Any]) -> float:
    """Peak memory traced by tracemalloc during ``call`` (Python objects and NumPy arrays)."""
    import tracemalloc

    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _tensor_peak_mb(call: Callable[[], Any]) -> float:
    """Peak bytes of tensor storage created during ``call`` (CPU/MPS), via a dispatch mode.

    Each storage an op creates is counted while a tensor using it is alive; storages of the
    op's inputs (views, in-place results) are not new memory. Temporaries inside one aten op
    are not seen, so this is a lower bound of what the allocator held.
    """
    import weakref

    import torch
    from torch.utils._python_dispatch import TorchDispatchMode
    from torch.utils._pytree import tree_flatten

    live: dict[int, list[int]] = {}  # storage pointer -> [bytes, tensors alive]
    usage = {"current": 0, "peak": 0}

    def release(key: int) -> None:
        entry = live.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] == 0:
            usage["current"] -= entry[0]
            del live[key]

    class PeakTracker(TorchDispatchMode):
        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            inputs = {
                a.untyped_storage().data_ptr()
                for a in tree_flatten((args, kwargs))[0]
                if isinstance(a, torch.Tensor)
            }
            for tensor in tree_flatten(out)[0]:
                if not isinstance(tensor, torch.Tensor):
                    continue
                storage = tensor.untyped_storage()
                key = storage.data_ptr()
                if key == 0 or (key in inputs and key not in live):
                    continue
                if key not in live:
                    live[key] = [storage.nbytes(), 0]
                    usage["current"] += storage.nbytes()
                    usage["peak"] = max(usage["peak"], usage["current"])
                live[key][1] += 1
                weakref.finalize(tensor, release, key)
            return out

    with PeakTracker():
        call()
    return usage["peak"] / 2**20


def _peak_memory_mb(call: Callable[[], Any], device: str) -> float | None:
    if "torch" not in sys.modules:
        return _python_peak_mb(call)
    import torch

    if device.startswith("cuda"):
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        before = torch.cuda.memory_allocated()
        call()
        torch.cuda.synchronize()
        return (torch.cuda.max_memory_allocated() - before) / 2**20
    try:
        return _tensor_peak_mb(call)
    except Exception:  # noqa: BLE001 - memory is a nicety; timing still stands
        return None


def run_bench(
    kata_dir: Path,
    submission: types.ModuleType,
    device: str,
    budget_s: float = 3.0,
) -> BenchReport:
    """Time ``submission`` against ``kata_dir/solution.py`` on ``device`` within ``budget_s``."""
    report = BenchReport(device=device)
    tests = _load_module(kata_dir / "test_kata.py", "mlprep_bench_tests")
    case = getattr(tests, BENCH_CASE, None)
    if case is None:
        report.message = f"this kata's test_kata.py defines no {BENCH_CASE}(device)"
        return report
    name, args, kwargs = case(device)
    report.entry_point = str(name)
    reference = _load_module(kata_dir / "solution.py", "mlprep_bench_reference")
    user_fn = getattr(submission, name, None)
    reference_fn = getattr(reference, name, None)
    if not callable(user_fn) or not callable(reference_fn):
        report.message = f"{name} is not defined by both the submission and the reference"
        return report
    synchronize = _synchronizer(device)

    def timed(fn: Callable[..., Any]) -> float:
        synchronize()
        started = time.perf_counter()
        fn(*args, **kwargs)
        synchronize()
        return (time.perf_counter() - started) * 1000.0

    # Warm up both (first calls pay for kernel selection and allocator growth), then time
    # them alternately until the budget is spent: at least MIN_RUNS pairs unless one pair
    # alone takes longer than the budget, never more than MAX_RUNS.
    started = time.perf_counter()
    for fn in (user_fn, reference_fn):
        timed(fn)
    user_times: list[float] = []
    reference_times: list[float] = []
    runs = 0
    while runs < MAX_RUNS:
        elapsed = time.perf_counter() - started
        if runs >= MIN_RUNS and elapsed >= budget_s:
            break
        if runs >= 1 and elapsed >= 3 * budget_s:
            report.message = "slow: fewer timed runs than usual"
            break
        user_times.append(timed(user_fn))
        reference_times.append(timed(reference_fn))
        runs += 1
    report.runs = runs
    report.user_ms = statistics.median(user_times)
    report.reference_ms = statistics.median(reference_times)
    if report.reference_ms > 0:
        report.ratio = report.user_ms / report.reference_ms
    report.user_peak_mb = _peak_memory_mb(lambda: user_fn(*args, **kwargs), device)
    report.reference_peak_mb = _peak_memory_mb(lambda: reference_fn(*args, **kwargs), device)
    return report
