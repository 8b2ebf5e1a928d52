"""The kata worker (child side): a single-use, pre-warmed interpreter that runs one job.

The runner starts it as ``python -m desktop.katas.worker --job-fd J --result-fd R
--trace-fd T`` (a frozen app: ``<exe> --kata-worker ...``; see ``runner.worker_command``).
The worker:

1. enables faulthandler on the trace pipe (fatal signals, and SIGUSR1, which the parent sends
   before killing a run that timed out, so the user sees the line it was stuck on);
2. starts a watchdog thread on the job pipe: EOF there or a new parent pid means the runner
   is gone, and the worker kills its own process group (itself and anything user code
   started) within about half a second;
3. imports torch, numpy, pytest, hypothesis and the harness, runs a small warm-up pytest
   session, freezes the garbage collector's view of what is loaded and says ``ready``;
4. reads one job, runs it with ``harness.run_tests`` (and the bench, in bench mode), writes
   progress events and the result on the result pipe, and waits to be killed.

The user's stdout/stderr are the worker's fds 1 and 2, which the parent reads and caps; the
result never travels there. Protocol: ``desktop.katas.protocol``. ``... worker selfcheck ...``
runs ``desktop.katas.selfcheck`` instead (frozen builds have no ``-m``).
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import json
import os
import queue
import select
import signal
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import asdict
from pathlib import Path
from typing import Any

PROTOCOL_VERSION = 1
DEFAULT_PRELOAD = (
    "torch",
    "torch.nn.functional",
    "numpy",
    "pytest",
    "hypothesis",
    "desktop.katas.harness",
    "desktop.katas.checks",
)
PARENT_CHECK_S = 0.5
WORKER_FOLDER_PREFIX = "mlprep-worker-"  # the runner makes one per worker, its cwd
LINGER_S = 30.0  # after reporting, wait this long for the parent's kill, then exit anyway

_WARMUP_PLAIN = """
import pytest


def test_plain(submission, device):
    assert submission.value() == 3


@pytest.mark.parametrize("n", [1, 2])
def test_parametrized(submission, device, n, monkeypatch):
    with pytest.raises(ValueError):
        raise ValueError(n)
    assert n == pytest.approx(n)
"""

_WARMUP_TORCH = """
import torch
import torch.nn.functional as F

from desktop.katas.checks import assert_close


def test_torch(submission, device):
    x = torch.arange(12, dtype=torch.float32, device=device).reshape(3, 4) / 12
    w = torch.ones(4, 4, device=device, requires_grad=True)
    y = F.softmax(x @ w, dim=-1).masked_fill(x > 0.5, float("-inf"))
    z = F.layer_norm(x, (4,)) + F.linear(x, w) + torch.tanh(x) + F.gelu(x) + F.relu(x)
    loss = F.cross_entropy(z, torch.tensor([0, 1, 2], device=device)) + z.logsumexp(-1).mean()
    loss.backward()
    assert_close(y, y.clone())
    assert_close(z.double(), z.double())
"""

_WARMUP_HYPOTHESIS = """
from hypothesis import given, settings, strategies as st


@settings(max_examples=3)
@given(n=st.integers(0, 3))
def test_hypothesis(submission, device, n):
    assert n >= 0
"""


class _Channel:
    """Writes protocol lines on the result pipe. Binds what it uses before user code runs."""

    def __init__(self, fd: int):
        self._fd = fd
        self._dumps = json.dumps
        self._write = os.write
        self._lock = threading.Lock()

    def send(self, message: dict[str, Any]) -> None:
        message = {"v": PROTOCOL_VERSION, **message}
        data = (self._dumps(message, separators=(",", ":"), default=str) + "\n").encode()
        with self._lock:
            view = memoryview(data)
            while view:
                written = self._write(self._fd, view)
                view = view[written:]


def _die() -> None:
    """The runner is gone: take down this worker and everything user code started."""
    try:
        folder = os.getcwd()
        if os.path.basename(folder).startswith(WORKER_FOLDER_PREFIX):
            import shutil

            shutil.rmtree(folder, ignore_errors=True)  # nobody else is left to remove it
    except OSError:
        pass
    try:
        if os.getpgrp() == os.getpid():
            os.killpg(os.getpid(), signal.SIGKILL)
    finally:
        os._exit(70)


class _JobPipe(threading.Thread):
    """Reads the one job line, then keeps watching the pipe (and the parent pid) until EOF."""

    def __init__(self, fd: int):
        super().__init__(name="mlprep-job-pipe", daemon=True)
        self._fd = fd
        self._parent = os.getppid()
        self._jobs: queue.Queue[dict[str, Any]] = queue.Queue()

    def run(self) -> None:
        buffer = b""
        delivered = False
        while True:
            try:
                readable, _, _ = select.select([self._fd], [], [], PARENT_CHECK_S)
            except InterruptedError:
                continue
            if os.getppid() != self._parent:
                _die()
            if not readable:
                continue
            chunk = os.read(self._fd, 1 << 20)
            if not chunk:
                _die()
            if delivered:
                continue
            buffer += chunk
            if b"\n" in buffer:
                line = buffer.split(b"\n", 1)[0]
                delivered = True
                try:
                    job = json.loads(line)
                except ValueError:
                    job = {"invalid": line[:200].decode(errors="replace")}
                self._jobs.put(job if isinstance(job, dict) else {"invalid": "not an object"})

    def next_job(self) -> dict[str, Any]:
        return self._jobs.get()


def _silence_stdio() -> tuple[int, int]:
    """Point fds 1 and 2 at /dev/null while warming up; return the real ones."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    saved = (os.dup(1), os.dup(2))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    return saved


def _restore_stdio(saved: tuple[int, int]) -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os.dup2(saved[0], 1)
    os.dup2(saved[1], 2)
    os.close(saved[0])
    os.close(saved[1])
    for stream in (sys.stdout, sys.stderr):
        # Line buffering: what the user printed before a hang or a crash is not lost.
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(line_buffering=True)


def _flush_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except Exception:  # noqa: BLE001 - user code may have replaced or closed them
            pass
    try:
        import ctypes

        ctypes.CDLL(None).fflush(None)  # C-level printf output from extensions
    except Exception:  # noqa: BLE001
        pass


def _disarm_user_signals() -> None:
    """User code may have set alarms or interval timers; none may fire into the worker."""
    for timer in ("ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF"):
        if hasattr(signal, timer):
            try:
                signal.setitimer(getattr(signal, timer), 0)
            except (OSError, ValueError):
                pass
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, signal.SIG_IGN)


def _max_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024.0


def _warm_up(preload: list[str], warm_device: str) -> Any:
    """Import what kata runs need and run one small pytest session; returns torch or None."""
    import importlib

    for name in preload:
        importlib.import_module(name)
    torch = sys.modules.get("torch")
    if "desktop.katas.harness" not in sys.modules:
        return torch
    from desktop.katas import harness

    source = _WARMUP_PLAIN
    if torch is not None:
        source += _WARMUP_TORCH
    if "hypothesis" in sys.modules:
        source += _WARMUP_HYPOTHESIS
    with tempfile.TemporaryDirectory(prefix="mlprep-warmup-") as folder:
        test_file = Path(folder) / "test_mlprep_warmup.py"
        test_file.write_text(source)
        harness.run_tests(test_file, "def value():\n    return 3\n", "cpu")
    for name in [n for n in sys.modules if "test_mlprep_warmup" in n]:
        del sys.modules[name]
    if torch is not None and warm_device != "cpu":
        _warm_device(torch, warm_device)
    return torch


def _warm_device(torch: Any, device: str) -> None:
    """Create the CUDA/MPS context now rather than in the user's first test."""
    try:
        torch.ones(1, device=device).sum().item()
    except Exception:  # noqa: BLE001 - an unusable device is reported when a job asks for it
        pass


def _device_check(device: str, torch: Any) -> tuple[str | None, str]:
    """(problem or None, device description) for the job's device."""
    from desktop.katas import devices

    try:
        kind, index = devices.parse_device(device)
    except ValueError as error:
        return str(error), ""
    if kind == "cpu":
        return None, devices.cpu_description()
    if torch is None:
        import torch
    info = devices.detect_cuda(torch) if kind == "cuda" else devices.detect_mps(torch)
    problem = devices.device_problem(device, [info])
    if problem is not None:
        return problem, ""
    name = info.description
    if kind == "cuda":
        try:
            name = str(torch.cuda.get_device_name(index or 0))
        except Exception:  # noqa: BLE001
            pass
    return None, name


def _result(job: dict[str, Any], status: str, **fields: Any) -> dict[str, Any]:
    result = {
        "id": job.get("id", ""),
        "status": status,
        "tests": [],
        "message": "",
        "line": None,
        "column": None,
        "stdout": "",
        "stderr": "",
        "device": job.get("device", "cpu"),
        "device_name": "",
        "duration_ms": 0.0,
        "max_rss_mb": None,
        "bench": None,
        "error_kind": None,
    }
    result.update(fields)
    return result


def _run_job(job: dict[str, Any], channel: _Channel, torch: Any) -> dict[str, Any]:
    started = time.perf_counter()
    if "invalid" in job:
        return _result(
            job, "error", message=f"invalid job: {job['invalid']}", error_kind="internal"
        )
    job_id = job.get("id", "")
    mode = job.get("mode", "test")
    if mode == "probe":
        from desktop.katas.devices import detect_devices

        if torch is None:
            import torch
        found = detect_devices(torch)
        return _result(job, "passed", devices=[info.to_dict() for info in found])

    channel.send({"event": "started", "id": job_id})
    device = str(job.get("device", "cpu"))
    problem, device_name = _device_check(device, torch)
    if problem is not None:
        return _result(
            job, "error", message=f"Cannot run on {device}: {problem}.", error_kind="device"
        )

    from desktop.katas import harness

    kata_dir = Path(str(job.get("kata", "")))
    code = str(job.get("code", ""))
    outcome = harness.run_tests(
        kata_dir / "test_kata.py",
        code,
        device,
        on_test_start=lambda name: channel.send(
            {"event": "test_started", "id": job_id, "name": name}
        ),
        on_test_done=lambda test: channel.send(
            {"event": "test_done", "id": job_id, "test": asdict(test)}
        ),
    )
    _disarm_user_signals()
    result = _result(job, outcome.status, device_name=device_name, **_harness_fields(outcome))
    if outcome.status == "error":
        result["error_kind"] = _error_kind(outcome)
    if mode == "bench" and outcome.status == "passed":
        channel.send({"event": "bench_started", "id": job_id})
        result["bench"] = _bench(kata_dir, code, device, float(job.get("timeout_s", 10.0)))
        _disarm_user_signals()
    result["duration_ms"] = (time.perf_counter() - started) * 1000.0
    return result


def _error_kind(outcome: Any) -> str:
    """What kind of error a harness result is, for callers that react to it."""
    if outcome.column is not None:
        return "syntax"
    if outcome.message.startswith("The test run was interrupted"):
        return "interrupted"
    if outcome.message.startswith(("The kata's tests could not be collected", "No tests ran")):
        return "kata"
    return "load"


def _harness_fields(outcome: Any) -> dict[str, Any]:
    data = outcome.to_dict()
    return {key: data[key] for key in ("tests", "message", "line", "column") if key in data}


def _bench(kata_dir: Path, code: str, device: str, timeout_s: float) -> dict[str, Any]:
    from desktop.katas import benchmark, harness

    with tempfile.TemporaryDirectory(prefix="mlprep-kata-") as folder:
        module, failure = harness.load_submission(code, Path(folder))
        if failure is not None:
            return {"device": device, "message": failure.message}
        try:
            report = benchmark.run_bench(kata_dir, module, device, budget_s=min(3.0, timeout_s / 3))
        except Exception as error:  # noqa: BLE001 - a failing bench is reported, not fatal
            return {
                "device": device,
                "message": f"the bench failed: {type(error).__name__}: {error}",
            }
        finally:
            sys.modules.pop(harness.SUBMISSION_MODULE, None)
    return asdict(report)


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop.katas.worker")
    parser.add_argument("--job-fd", type=int, required=True)
    parser.add_argument("--result-fd", type=int, required=True)
    parser.add_argument("--trace-fd", type=int, required=True)
    parser.add_argument("--preload", default=",".join(DEFAULT_PRELOAD))
    parser.add_argument("--warm-device", default="cpu")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["selfcheck"]:
        from desktop.katas import selfcheck

        return selfcheck.main(argv[1:])
    options = _parse_args(argv)
    channel = _Channel(options.result_fd)
    trace = os.fdopen(options.trace_fd, "w", closefd=False)
    faulthandler.enable(file=trace, all_threads=True)
    if hasattr(faulthandler, "register") and hasattr(signal, "SIGUSR1"):
        faulthandler.register(signal.SIGUSR1, file=trace, all_threads=True)
    jobs = _JobPipe(options.job_fd)
    jobs.start()

    saved = _silence_stdio()
    try:
        preload = [name for name in options.preload.split(",") if name]
        torch = _warm_up(preload, options.warm_device)
    except BaseException:  # noqa: BLE001 - reported to the parent, which explains it
        channel.send({"event": "fatal", "message": traceback.format_exc(limit=20)})
        os._exit(1)
    gc.collect()
    gc.freeze()  # what is loaded now is never garbage: keep it out of every collection
    channel.send(
        {
            "event": "ready",
            "pid": os.getpid(),
            "python": sys.version.split()[0],
            "torch": getattr(torch, "__version__", None) if torch is not None else None,
        }
    )

    job = jobs.next_job()
    _restore_stdio(saved)
    try:
        result = _run_job(job, channel, torch)
    except BaseException:  # noqa: BLE001 - the harness itself failed; say so
        _disarm_user_signals()
        result = _result(
            job,
            "error",
            message="The kata worker failed while running the tests:\n"
            + traceback.format_exc(limit=20),
            error_kind="internal",
        )
    result["max_rss_mb"] = _max_rss_mb()
    _flush_stdio()
    channel.send(result)
    # The parent kills this process group once it has the result; exit anyway if it does not.
    threading.Event().wait(LINGER_S)
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
