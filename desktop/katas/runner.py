"""Runs kata code in single-use, pre-warmed worker processes (parent side). No Qt, no torch.

The GUI wraps this in a QThread/QObject controller; the CLI calls it directly::

    runner = KataRunner()                  # interpreter=None: this Python (or the frozen app)
    runner.prestart()                      # start a warm spare now (returns at once)
    result = runner.run(kata, code, device="cpu", mode="test",
                        timeout_s=None,    # None: the kata's timeout_s
                        cancel=event,      # optional threading.Event, checked every 50 ms
                        on_output=lambda stream, text: ...,   # "stdout"/"stderr" chunks
                        on_test=lambda report: ...)           # each TestReport as it ends
    runner.cancel()                        # any thread: stop the run in progress
    runner.probe_devices()                 # [DeviceInfo cpu, cuda, mps], cached
    runner.close()                         # kill the spare; also a context manager

``run()`` blocks and returns a ``RunResult`` (``desktop.katas.protocol``); it never raises for
anything the user's code does. One run at a time: concurrent calls wait for each other.

How a run works: a spare worker (``desktop.katas.worker``) has already imported torch, pytest
and the harness and waits on its job pipe. ``run()`` writes the job there, reads progress and
the result from a second pipe, and reads the user's stdout/stderr from two more, keeping
``output_limit`` bytes of each (head and tail, with a "... N bytes truncated" note). The runner
owns every limit: the kata's time limit (then SIGUSR1 for a faulthandler stack dump, then
SIGKILL to the process group), memory (RSS polled from /proc on Linux; not capped on
platforms without /proc), and cancellation. After any outcome the worker's process group,
and any process user code started, is killed, its private folder (its cwd and TMPDIR) is
removed, and a fresh spare starts in the background, so no run sees what an earlier one
left behind. POSIX only (Linux, macOS): workers get their pipes through ``pass_fds``.

``worker_command(interpreter)`` is the argv that starts a worker; ``check_interpreter(path)``
tells the settings UI whether a Python can run katas.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.katas.devices import DeviceInfo, device_problem, parse_device
from desktop.katas.protocol import (
    BenchReport,
    Job,
    ProtocolError,
    RunResult,
    TestReport,
    decode,
    encode,
)
from desktop.katas.worker import WORKER_FOLDER_PREFIX

OUTPUT_LIMIT = 64 * 1024  # bytes of stdout (and of stderr) kept per run
OUTPUT_TAIL = 16 * 1024  # of which this much is the end of the output
TICK_S = 0.05  # how often memory and the cancel event are checked while a run is going
ACK_S = 15.0  # a ready worker acknowledges a job within this
PROBE_S = 60.0
TRACE_SETTLE_S = 0.1  # a faulthandler dump is complete once the pipe is quiet this long
TRACE_MAX_S = 1.0
DRAIN_S = 0.3
READ_CHUNK = 1 << 20  # most bytes of one stream read before checking limits again
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_STARTUP_TIMEOUT_S = 180.0
WORKER_FLAG = "--kata-worker"

OutputCallback = Callable[[str, str], None]
TestCallback = Callable[[TestReport], None]

_SIGNAL_NOTES = {
    "SIGSEGV": "segmentation fault: native code (ctypes, an extension, a torch op on bad "
    "memory) read or wrote memory it does not own",
    "SIGBUS": "bus error: native code accessed invalid memory",
    "SIGABRT": "aborted: a native library hit a fatal error",
    "SIGFPE": "floating-point exception in native code",
    "SIGILL": "illegal instruction in native code",
    "SIGKILL": "killed from outside, possibly by the system because memory ran out",
    "SIGALRM": "an alarm your code set (signal.alarm or setitimer) went off",
    "SIGTERM": "terminated from outside",
}


class WorkerStartError(RuntimeError):
    """A worker could not be started or did not become ready."""


class _Cancelled(Exception):
    pass


# --------------------------------------------------------------------------- interpreters


def package_root() -> Path:
    """The folder holding the ``desktop`` package: goes on a worker's PYTHONPATH."""
    return Path(__file__).resolve().parent.parent.parent


_package_link: Path | None = None


def _frozen_package_root() -> Path:
    """A folder holding only ``desktop`` (a link to the bundle's sources), for another Python.

    The bundle's own folder also holds its numpy, torch ... builds, which must not shadow the
    chosen interpreter's, so it cannot go on that interpreter's PYTHONPATH itself.
    """
    global _package_link
    if _package_link is None or not (_package_link / "desktop").exists():
        folder = Path(tempfile.mkdtemp(prefix="mlprep-package-"))
        try:
            (folder / "desktop").symlink_to(package_root() / "desktop", target_is_directory=True)
        except OSError:
            shutil.copytree(package_root() / "desktop", folder / "desktop")
        _package_link = folder
    return _package_link


def _is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def worker_command(interpreter: str | os.PathLike[str] | None = None) -> list[str]:
    """The argv that starts a worker (the runner appends the pipe options).

    ``interpreter=None`` uses this interpreter, or in a frozen app this executable with
    ``--kata-worker``; a path uses that Python with ``-m desktop.katas.worker``.
    """
    if interpreter is None:
        if _is_frozen():
            return [sys.executable, WORKER_FLAG]
        return [sys.executable, "-m", "desktop.katas.worker"]
    return [os.fspath(interpreter), "-m", "desktop.katas.worker"]


def worker_environment(
    base: Mapping[str, str] | None = None,
    interpreter: str | os.PathLike[str] | None = None,
) -> dict[str, str]:
    """The environment of a worker started with ``worker_command(interpreter)``: ``base``
    (default os.environ) with the ``desktop`` package importable."""
    env = dict(os.environ if base is None else base)
    for name in ("PYTHONINSPECT", "PYTHONSTARTUP"):
        env.pop(name, None)
    if _is_frozen() and interpreter is None:
        return env  # the frozen executable carries the package itself
    root = str(_frozen_package_root() if _is_frozen() else package_root())
    existing = env.get("PYTHONPATH", "")
    if root not in existing.split(os.pathsep):
        env["PYTHONPATH"] = root + (os.pathsep + existing if existing else "")
    return env


@dataclass
class InterpreterCheck:
    """Whether a Python interpreter can run katas, and why not."""

    ok: bool
    message: str
    executable: str
    python_version: str = ""
    torch_version: str = ""
    cuda_version: str = ""


_CHECK_MARKER = "MLPREP-INTERPRETER-CHECK "
_CHECK_SCRIPT = r"""
import json, sys
info = {"python": sys.version.split()[0], "ok_version": sys.version_info >= (3, 10)}
missing = []
for name in ("numpy", "pytest"):
    try:
        __import__(name)
    except Exception as error:
        missing.append(f"{name} ({type(error).__name__}: {error})")
try:
    import torch
    info["torch"] = torch.__version__
    info["cuda"] = getattr(torch.version, "cuda", None) or ""
except Exception as error:
    info["torch_error"] = f"{type(error).__name__}: {error}"
try:
    import desktop.katas.harness
except Exception as error:
    info["harness_error"] = f"{type(error).__name__}: {error}"
info["missing"] = missing
print("MLPREP-INTERPRETER-CHECK " + json.dumps(info))
"""


def check_interpreter(
    path: str | os.PathLike[str] | None, timeout_s: float = 120.0
) -> InterpreterCheck:
    """Check that ``path`` is a Python (3.10+) with torch, numpy and pytest that can import the
    kata harness. ``None`` checks the default interpreter. Never raises."""
    executable = worker_command(path)[0] if path is None else os.fspath(Path(path).expanduser())
    if path is not None:
        candidate = Path(executable)
        if not candidate.exists():
            return InterpreterCheck(False, f"{candidate} does not exist.", executable)
        if candidate.is_dir():
            return InterpreterCheck(
                False,
                f"{candidate} is a folder; choose the Python executable inside it "
                "(for example bin/python).",
                executable,
            )
        if not os.access(candidate, os.X_OK):
            return InterpreterCheck(False, f"{candidate} is not executable.", executable)
    if path is None and _is_frozen():
        return InterpreterCheck(True, "The bundled interpreter.", executable)
    try:
        completed = subprocess.run(
            [executable, "-c", _CHECK_SCRIPT],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            env=worker_environment(interpreter=path),
            stdin=subprocess.DEVNULL,
            cwd=tempfile.gettempdir(),
        )
    except subprocess.TimeoutExpired:
        return InterpreterCheck(
            False, f"{executable} did not answer within {timeout_s:.0f} s.", executable
        )
    except OSError as error:
        return InterpreterCheck(
            False, f"{executable} could not be started: {error.strerror or error}.", executable
        )
    info = None
    for line in completed.stdout.splitlines():
        if line.startswith(_CHECK_MARKER):
            try:
                info = json.loads(line[len(_CHECK_MARKER) :])
            except ValueError:
                info = None
    if not isinstance(info, dict):
        detail = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or [""]
        return InterpreterCheck(
            False,
            f"{executable} did not answer like a Python interpreter. {detail[0]}".strip(),
            executable,
        )
    version = str(info.get("python", ""))
    check = InterpreterCheck(
        False,
        "",
        executable,
        python_version=version,
        torch_version=str(info.get("torch", "") or ""),
        cuda_version=str(info.get("cuda", "") or ""),
    )
    if not info.get("ok_version"):
        check.message = f"Python {version} is too old; katas need Python 3.10 or later."
    elif "torch_error" in info:
        check.message = (
            f"torch cannot be imported in Python {version} at {executable} "
            f"({info['torch_error']}). Install it there (pip install torch) or pick another Python."
        )
    elif info.get("missing"):
        check.message = (
            f"Python {version} at {executable} lacks: {', '.join(info['missing'])}. "
            "Install them there (pip install numpy pytest hypothesis)."
        )
    elif "harness_error" in info:
        check.message = f"The kata harness cannot be imported there: {info['harness_error']}."
    else:
        check.ok = True
        cuda = f", CUDA {check.cuda_version}" if check.cuda_version else ", no CUDA"
        check.message = f"Python {version} with torch {check.torch_version}{cuda}."
    return check


# ------------------------------------------------------------------------------- memory


def _total_memory_mb() -> float | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
    except (ValueError, OSError, AttributeError):
        return None


def default_memory_limit_mb() -> float | None:
    """Half the machine's memory, at least 2 GB; None where it cannot be measured."""
    total = _total_memory_mb()
    return max(2048.0, total / 2) if total else None


def format_memory(mb: float) -> str:
    return f"{mb / 1024:.1f} GB" if mb >= 1024 else f"{mb:.0f} MB"


_PAGE_MB = (os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096) / 2**20


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_MB
    except (OSError, ValueError, IndexError):
        return None


def _descendants(root: int) -> list[int]:
    """Every process below ``root`` (Linux /proc; elsewhere the process group must do)."""
    if not os.path.isdir("/proc"):
        return []
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                data = stat.read()
            ppid = int(data[data.rfind(b")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children[ppid].append(int(entry.name))
    found: list[int] = []
    pending = [root]
    while pending:
        for child in children.get(pending.pop(), ()):
            found.append(child)
            pending.append(child)
    return found


# -------------------------------------------------------------------------------- output


class _Output:
    """One captured stream: keeps the head and tail up to a limit, counts the rest."""

    def __init__(self, name: str, limit: int, on_output: OutputCallback | None):
        self.name = name
        self.tail_limit = min(OUTPUT_TAIL, limit // 4)
        self.head_limit = limit - self.tail_limit
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0
        self.on_output = on_output
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._announced = False

    def feed(self, data: bytes) -> None:
        self.total += len(data)
        room = self.head_limit - len(self.head)
        streamed = data[: max(room, 0)]
        if room > 0:
            self.head += streamed
            data = data[room:]
        if data:
            self.tail += data
            if len(self.tail) > self.tail_limit:
                del self.tail[: len(self.tail) - self.tail_limit]
        if self.on_output is not None:
            if streamed:
                text = self._decoder.decode(bytes(streamed))
                if text:
                    self.on_output(self.name, text)
            if data and not self._announced:
                self._announced = True
                self.on_output(self.name, "\n... (more output; the end is kept for the result)\n")

    @property
    def truncated(self) -> int:
        return max(0, self.total - len(self.head) - len(self.tail))

    def text(self) -> str:
        head = bytes(self.head).decode("utf-8", errors="replace")
        if not self.tail:
            return head
        tail = bytes(self.tail).decode("utf-8", errors="replace")
        if self.truncated == 0:
            return head + tail
        return f"{head}\n... {self.truncated} bytes truncated ...\n{tail}"


# -------------------------------------------------------------------------------- traces

_THREAD = re.compile(r"^(Current thread|Thread) 0x[0-9a-fA-F]+")
_FRAME = re.compile(r'^\s*File "(?P<file>.*)", line (?P<line>\d+) in (?P<function>.*)$')


@dataclass
class _Frame:
    file: str
    line: int
    function: str


def _is_submission(file: str) -> bool:
    return Path(file).name == "submission.py" and "mlprep-kata-" in file


def parse_stack_dump(text: str) -> list[_Frame]:
    """The frames (most recent last) of the thread running kata code in a faulthandler dump."""
    threads: list[list[_Frame]] = []
    for line in text.splitlines():
        if _THREAD.match(line):
            threads.append([])
            continue
        match = _FRAME.match(line)
        if match:
            if not threads:
                threads.append([])
            threads[-1].append(_Frame(match["file"], int(match["line"]), match["function"].strip()))

    def relevant(frames: list[_Frame]) -> bool:
        return any(_is_submission(f.file) or Path(f.file).name == "test_kata.py" for f in frames)

    chosen = next((frames for frames in threads if relevant(frames)), None)
    if chosen is None:
        chosen = next((frames for frames in threads if frames), [])
    return list(reversed(chosen))


def _source_line(lines: list[str], number: int) -> str:
    return lines[number - 1].strip() if 0 < number <= len(lines) else ""


def describe_stack(frames: list[_Frame], code: str, test_file: Path) -> tuple[str, int | None]:
    """A short stack (kata test and user frames only) and the deepest user line."""
    user_lines = code.splitlines()
    try:
        test_lines = test_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        test_lines = []
    shown = [f for f in frames if _is_submission(f.file) or Path(f.file).name == "test_kata.py"]
    if not shown:
        shown = frames[-8:]
    out = []
    for frame in shown:
        if _is_submission(frame.file):
            where, source = "your code", _source_line(user_lines, frame.line)
        elif Path(frame.file).name == "test_kata.py":
            where, source = "test_kata.py", _source_line(test_lines, frame.line)
        else:
            where, source = frame.file, ""
        out.append(f"  {where}, line {frame.line}, in {frame.function}")
        if source:
            out.append(f"    {source}")
    user = [f for f in frames if _is_submission(f.file)]
    return "\n".join(out), (user[-1].line if user else None)


# -------------------------------------------------------------------------------- worker


class _Worker:
    """Parent-side handle of one worker process and its four pipes."""

    def __init__(
        self,
        command: Sequence[str],
        env: Mapping[str, str],
        preload: Sequence[str] | None,
        warm_device: str,
    ):
        self.cwd = tempfile.mkdtemp(prefix=WORKER_FOLDER_PREFIX)
        job_read, self.job_write = os.pipe()
        self.result_read, result_write = os.pipe()
        self.trace_read, trace_write = os.pipe()
        argv = [
            *command,
            "--job-fd",
            str(job_read),
            "--result-fd",
            str(result_write),
            "--trace-fd",
            str(trace_write),
            "--warm-device",
            warm_device,
        ]
        if preload is not None:
            argv += ["--preload", ",".join(preload)]
        try:
            self.process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                pass_fds=(job_read, result_write, trace_write),
                start_new_session=True,
                # Temporary files of the run (the harness's, the user's) go into the worker's
                # own folder, which is removed with it however the run ends.
                env={**env, "TMPDIR": self.cwd},
                cwd=self.cwd,
            )
        except OSError as error:
            for fd in (self.job_write, self.result_read, self.trace_read):
                os.close(fd)
            shutil.rmtree(self.cwd, ignore_errors=True)
            raise WorkerStartError(
                f"could not start the kata interpreter {argv[0]}: {error.strerror or error}"
            ) from None
        finally:
            for fd in (job_read, result_write, trace_write):
                os.close(fd)
        self.pid = self.process.pid
        assert self.process.stdout is not None and self.process.stderr is not None
        self.stdout_read = self.process.stdout.fileno()
        self.stderr_read = self.process.stderr.fileno()
        for fd in (self.result_read, self.trace_read, self.stdout_read, self.stderr_read):
            os.set_blocking(fd, False)
        self.ready = False
        self.info: dict[str, Any] = {}
        self.result_eof = False
        self.killed = False
        self.closed = False
        self._pending = bytearray()
        self.messages: list[dict[str, Any]] = []
        self.bad_lines = 0

    # -- reading

    def read_messages(self) -> list[dict[str, Any]]:
        """Read what the result pipe has now; return the complete messages."""
        while not self.result_eof:
            try:
                chunk = os.read(self.result_read, 1 << 16)
            except BlockingIOError:
                break
            except OSError:
                chunk = b""
            if not chunk:
                self.result_eof = True
                break
            self._pending += chunk
        messages = []
        while True:
            newline = self._pending.find(b"\n")
            if newline < 0:
                break
            line = bytes(self._pending[:newline])
            del self._pending[: newline + 1]
            try:
                messages.append(decode(line))
            except ProtocolError:
                self.bad_lines += 1
        return messages

    def wait_ready(self, deadline: float, wake_fd: int, stop: Callable[[], bool]) -> None:
        """Block until the worker says it is warm; WorkerStartError or _Cancelled otherwise."""
        if self.ready:
            return
        with selectors.DefaultSelector() as selector:
            selector.register(self.result_read, selectors.EVENT_READ)
            selector.register(wake_fd, selectors.EVENT_READ)
            while not self.ready:
                for message in self.read_messages():
                    event = message.get("event")
                    if event == "ready":
                        self.ready = True
                        self.info = message
                    elif event == "fatal":
                        raise WorkerStartError(
                            "the kata interpreter failed while starting:\n"
                            + str(message.get("message", ""))
                        )
                if self.ready:
                    break
                if self.result_eof:
                    raise WorkerStartError(self._startup_failure())
                if stop():
                    raise _Cancelled
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise WorkerStartError("the kata interpreter did not start in time")
                selector.select(min(remaining, TICK_S))
                _drain_fd(wake_fd)

    def _startup_failure(self) -> str:
        try:
            code = self.process.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            code = None
        stderr = _read_available(self.stderr_read, deadline=time.monotonic() + DRAIN_S)
        detail = stderr.decode("utf-8", errors="replace").strip()
        lines = detail.splitlines()[-15:]
        return f"the kata interpreter exited while starting (exit code {code})" + (
            ":\n" + "\n".join(lines) if lines else "."
        )

    def send(self, job: Job) -> None:
        data = memoryview(encode(job.to_dict()))
        while data:
            written = os.write(self.job_write, data)
            data = data[written:]

    # -- ending

    def rss_mb(self) -> float | None:
        return _rss_mb(self.pid)

    def request_stack(self) -> str:
        """Ask faulthandler for a stack dump (SIGUSR1) and collect it; '' if none came."""
        if not hasattr(signal, "SIGUSR1"):
            return ""
        try:
            os.kill(self.pid, signal.SIGUSR1)
        except OSError:
            return ""
        return self.read_trace(TRACE_MAX_S)

    def read_trace(self, max_wait_s: float) -> str:
        """Whatever faulthandler wrote, waiting until the pipe has been quiet briefly."""
        data = bytearray()
        started = time.monotonic()
        with selectors.DefaultSelector() as selector:
            selector.register(self.trace_read, selectors.EVENT_READ)
            while True:
                waited = time.monotonic() - started
                if waited >= max_wait_s:
                    break
                timeout = TRACE_SETTLE_S if data else max_wait_s - waited
                if not selector.select(timeout):
                    if data:
                        break
                    continue
                try:
                    chunk = os.read(self.trace_read, 1 << 16)
                except BlockingIOError:
                    continue
                if not chunk:
                    break
                data += chunk
        return data.decode("utf-8", errors="replace")

    def kill(self) -> None:
        """SIGKILL the worker's process group and any descendant that left it."""
        if self.killed:
            return
        self.killed = True
        strays = _descendants(self.pid)
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        for pid in strays:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def close(self) -> None:
        """Kill, reap and release everything. Safe to call from any thread, more than once."""
        if self.closed:
            return
        self.closed = True
        self.kill()
        try:
            self.process.wait(timeout=10.0)
        except subprocess.TimeoutExpired:
            pass
        for fd in (self.job_write, self.result_read, self.trace_read):
            try:
                os.close(fd)
            except OSError:
                pass
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        shutil.rmtree(self.cwd, ignore_errors=True)

    def close_in_background(self) -> threading.Thread:
        reaper = threading.Thread(target=self.close, name="mlprep-worker-reaper", daemon=True)
        reaper.start()
        return reaper


def _drain_fd(fd: int) -> None:
    try:
        while os.read(fd, 4096):
            pass
    except (BlockingIOError, OSError):
        pass


def _read_available(fd: int, deadline: float | None = None, max_bytes: int | None = None) -> bytes:
    """Read a non-blocking fd: until it is empty (deadline None), or until EOF or deadline.

    ``max_bytes`` bounds one call, so that a process writing without pause cannot keep the
    caller from its other duties (limits, cancellation).
    """
    data = bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while max_bytes is None or len(data) < max_bytes:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                remaining = 0.0 if deadline is None else deadline - time.monotonic()
                if remaining <= 0 or not selector.select(remaining):
                    break
                continue
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    return bytes(data)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


# -------------------------------------------------------------------------------- runner


@dataclass
class _RunState:
    """What the parent learns while one job runs."""

    job: Job
    test_file: Path
    stdout: _Output
    stderr: _Output
    on_test: TestCallback | None
    sent_at: float
    deadline: float
    started: bool = False
    in_bench: bool = False
    running_test: str | None = None
    result: dict[str, Any] | None = None
    peak_rss_mb: float = 0.0

    def __post_init__(self) -> None:
        self.tests: dict[str, TestReport] = {}


class KataRunner:
    """Runs kata code in pre-warmed single-use workers. See the module docstring."""

    def __init__(
        self,
        interpreter: str | os.PathLike[str] | None = None,
        *,
        memory_limit_mb: float | str | None = "auto",
        output_limit: int = OUTPUT_LIMIT,
        preload: Sequence[str] | None = None,
        startup_timeout_s: float = DEFAULT_STARTUP_TIMEOUT_S,
        env: Mapping[str, str] | None = None,
    ):
        """``interpreter``: a Python with torch (None: this one / the frozen app).
        ``memory_limit_mb``: "auto" (half the RAM, at least 2 GB), a number, or None for no cap.
        ``preload``: modules a spare imports before it is ready (None: torch, numpy, pytest,
        hypothesis and the harness); tests of the runner itself pass fewer to start faster.
        """
        if interpreter is not None:
            interpreter = Path(interpreter).expanduser()
        self.interpreter = interpreter
        self.command = worker_command(interpreter)
        self.env = worker_environment(env, interpreter)
        self.memory_limit_mb = (
            default_memory_limit_mb() if memory_limit_mb == "auto" else memory_limit_mb
        )
        self.output_limit = output_limit
        self.preload = list(preload) if preload is not None else None
        self.startup_timeout_s = startup_timeout_s
        self._run_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._spare: _Worker | None = None
        self._starter: threading.Thread | None = None
        self._reapers: list[threading.Thread] = []
        self._reaper_lock = threading.Lock()
        self._warm_device = "cpu"
        self._devices: list[DeviceInfo] | None = None
        self._cancel_flag = threading.Event()
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_read, False)
        os.set_blocking(self._wake_write, False)
        self._closed = False

    # -- lifecycle

    def __enter__(self) -> KataRunner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def prestart(self) -> None:
        """Start a spare worker if there is none. Returns at once; warming goes on in it."""
        with self._state_lock:
            if self._closed:
                return
            spare = self._spare
            if spare is not None and spare.process.poll() is None:
                return
            self._spare = None
            if spare is not None:
                self._retire(spare)
            try:
                self._spare = _Worker(self.command, self.env, self.preload, self._warm_device)
            except WorkerStartError:
                pass  # run() starts one itself and reports the error

    def _retire(self, worker: _Worker) -> None:
        """Kill and reap ``worker`` off this thread; close() waits for what is still going."""
        with self._reaper_lock:
            self._reapers = [reaper for reaper in self._reapers if reaper.is_alive()]
            self._reapers.append(worker.close_in_background())

    def _prestart_in_background(self) -> None:
        starter = threading.Thread(target=self.prestart, name="mlprep-spare-start", daemon=True)
        self._starter = starter
        starter.start()

    @property
    def spare_pid(self) -> int | None:
        """The process id of the waiting spare worker, if there is one (for diagnostics)."""
        spare = self._spare
        return spare.pid if spare is not None else None

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until a spare is warm (starting one if needed). False on failure or timeout."""
        self.prestart()
        with self._state_lock:
            spare = self._spare
        if spare is None:
            return False
        deadline = time.monotonic() + (self.startup_timeout_s if timeout is None else timeout)
        with self._run_lock:
            try:
                spare.wait_ready(deadline, self._wake_read, lambda: self._closed)
            except (WorkerStartError, _Cancelled):
                return False
        return True

    def cancel(self) -> None:
        """Stop the run in progress (it returns with status "cancelled"). Any thread."""
        self._cancel_flag.set()
        try:
            os.write(self._wake_write, b"x")
        except OSError:
            pass

    def close(self) -> None:
        """Stop any run, kill the spare, release the pipes. The runner cannot be used after."""
        with self._state_lock:
            if self._closed:
                return
            self._closed = True
            spare, self._spare = self._spare, None
        self.cancel()
        acquired = self._run_lock.acquire(timeout=10.0)
        try:
            if spare is not None:
                spare.close()
            with self._reaper_lock:
                reapers = list(self._reapers)
            for reaper in reapers:
                reaper.join(timeout=10.0)  # their folders are gone before the app exits
        finally:
            if acquired:
                os.close(self._wake_read)
                os.close(self._wake_write)
                self._run_lock.release()

    def _take_spare(self) -> _Worker:
        """The warm spare if there is a live one, else a freshly started worker."""
        starter = self._starter
        if starter is not None:
            starter.join()  # a spare being started now is the one to use
        with self._state_lock:
            spare, self._spare = self._spare, None
        if spare is not None and spare.process.poll() is None:
            return spare
        if spare is not None:
            self._retire(spare)
        return _Worker(self.command, self.env, self.preload, self._warm_device)

    # -- devices

    def probe_devices(self, refresh: bool = False) -> list[DeviceInfo]:
        """CPU, CUDA and MPS as the kata interpreter sees them (probed once in a worker)."""
        if self._devices is not None and not refresh:
            return list(self._devices)
        job = Job(id=uuid.uuid4().hex[:12], kata="", code="", mode="probe", timeout_s=PROBE_S)
        result = self._run_job(
            job, test_file=Path(os.devnull), code="", cancel=None, on_output=None, on_test=None
        )
        if result.devices:
            self._devices = result.devices
            return list(result.devices)
        reason = f"the kata interpreter could not be probed: {result.message}"
        return [DeviceInfo(name, False, reason=reason) for name in ("cpu", "cuda", "mps")]

    # -- runs

    def run(
        self,
        kata: Any,
        code: str,
        device: str = "cpu",
        mode: str = "test",
        timeout_s: float | None = None,
        cancel: threading.Event | None = None,
        on_output: OutputCallback | None = None,
        on_test: TestCallback | None = None,
    ) -> RunResult:
        """Run ``code`` against ``kata`` (a catalog Kata or a kata folder) and return the result.

        ``mode="bench"`` runs the tests and, if they pass and the kata has ``bench = true``,
        times the code against the reference solution (``RunResult.bench``).
        """
        if mode not in ("test", "bench"):
            raise ValueError(f"mode must be 'test' or 'bench', not {mode!r}")
        kata_dir, kata_timeout, kata_devices, kata_bench = _kata_facts(kata)
        job_id = uuid.uuid4().hex[:12]

        def refuse(message: str, kind: str) -> RunResult:
            return RunResult(
                id=job_id, status="error", message=message, device=device, error_kind=kind
            )

        try:
            kind, _ = parse_device(device)
        except ValueError as error:
            return refuse(f"Cannot run on {device!r}: {error}.", "device")
        if kata_devices and kind not in kata_devices:
            return refuse(
                f"This kata's tests do not support {kind}; choose one of: "
                f"{', '.join(kata_devices)}.",
                "device",
            )
        if self._devices is not None:
            problem = device_problem(device, self._devices)
            if problem is not None:
                return refuse(f"Cannot run on {device}: {problem}.", "device")
        if mode == "bench" and not kata_bench:
            return refuse("This kata has no bench mode (bench = true in kata.toml).", "bench")
        if not (kata_dir / "test_kata.py").is_file():
            return refuse(f"{kata_dir} has no test_kata.py.", "kata")
        job = Job(
            id=job_id,
            kata=str(kata_dir),
            code=code,
            device=device,
            timeout_s=float(timeout_s if timeout_s is not None else kata_timeout),
            mode=mode,
        )
        self._warm_device = kind
        return self._run_job(job, kata_dir / "test_kata.py", code, cancel, on_output, on_test)

    def _run_job(
        self,
        job: Job,
        test_file: Path,
        code: str,
        cancel: threading.Event | None,
        on_output: OutputCallback | None,
        on_test: TestCallback | None,
    ) -> RunResult:
        with self._run_lock:
            if self._closed:
                return RunResult(
                    id=job.id,
                    status="cancelled",
                    message="The runner is closed.",
                    device=job.device,
                )
            self._cancel_flag.clear()
            _drain_fd(self._wake_read)

            def stop() -> bool:
                return self._cancel_flag.is_set() or (cancel is not None and cancel.is_set())

            try:
                worker = self._take_spare()
            except WorkerStartError as error:
                return RunResult(
                    id=job.id,
                    status="error",
                    message=f"Cannot run: {error}.",
                    device=job.device,
                    error_kind="worker",
                )
            try:
                try:
                    worker.wait_ready(
                        time.monotonic() + self.startup_timeout_s, self._wake_read, stop
                    )
                except WorkerStartError as error:
                    return RunResult(
                        id=job.id,
                        status="error",
                        message=f"Cannot run: {error}",
                        device=job.device,
                        error_kind="worker",
                    )
                except _Cancelled:
                    return RunResult(
                        id=job.id, status="cancelled", message="Cancelled.", device=job.device
                    )
                state = _RunState(
                    job=job,
                    test_file=test_file,
                    stdout=_Output("stdout", self.output_limit, on_output),
                    stderr=_Output("stderr", self.output_limit, on_output),
                    on_test=on_test,
                    sent_at=time.monotonic(),
                    deadline=time.monotonic() + (PROBE_S if job.mode == "probe" else ACK_S),
                )
                return self._supervise(worker, state, code, stop)
            finally:
                self._retire(worker)
                if not self._closed:
                    self._prestart_in_background()

    def _supervise(
        self, worker: _Worker, state: _RunState, code: str, stop: Callable[[], bool]
    ) -> RunResult:
        """Send the job and watch the worker until a result, a crash or a limit."""
        outcome = None
        try:
            worker.send(state.job)
        except OSError:
            outcome = "eof"
        selector = selectors.DefaultSelector()
        selector.register(worker.result_read, selectors.EVENT_READ, "result")
        selector.register(worker.stdout_read, selectors.EVENT_READ, state.stdout)
        selector.register(worker.stderr_read, selectors.EVENT_READ, state.stderr)
        selector.register(self._wake_read, selectors.EVENT_READ, "wake")
        try:
            while outcome is None:
                remaining = state.deadline - time.monotonic()
                if remaining <= 0:
                    outcome = "timeout" if state.started or state.job.mode == "probe" else "noack"
                    break
                for key, _ in selector.select(min(remaining, TICK_S)):
                    if key.data == "result":
                        self._handle_messages(worker, state)
                        if state.result is not None:
                            outcome = "result"
                        elif worker.result_eof:
                            outcome = "eof"
                            selector.unregister(worker.result_read)
                    elif key.data == "wake":
                        _drain_fd(self._wake_read)
                    else:
                        chunk = _read_available(key.fd, max_bytes=READ_CHUNK)
                        if chunk:
                            key.data.feed(chunk)
                        else:
                            selector.unregister(key.fd)
                if outcome is not None:
                    break
                if stop():
                    outcome = "cancelled"
                    break
                rss = worker.rss_mb()
                if rss is not None:
                    state.peak_rss_mb = max(state.peak_rss_mb, rss)
                    if self.memory_limit_mb is not None and rss > self.memory_limit_mb:
                        outcome = "memory"
        finally:
            selector.close()
        return self._finish(worker, state, outcome, code)

    def _handle_messages(self, worker: _Worker, state: _RunState) -> None:
        now = time.monotonic()
        for message in worker.read_messages():
            event = message.get("event")
            if event is None:
                if message.get("id") == state.job.id and state.result is None:
                    state.result = message
            elif message.get("id") != state.job.id:
                continue
            elif event == "started":
                state.started = True
                state.deadline = now + state.job.timeout_s
            elif event == "bench_started":
                # The bench times many calls within its own budget (a third of the limit),
                # plus warm-up and memory calls: give it twice the kata's limit.
                state.running_test = None
                state.in_bench = True
                state.deadline = now + 2 * state.job.timeout_s
            elif event == "test_started":
                state.running_test = str(message.get("name", ""))
            elif event == "test_done":
                try:
                    report = TestReport.from_dict(message.get("test"))
                except ProtocolError:
                    continue
                state.tests[report.name] = report
                state.running_test = None
                if state.on_test is not None:
                    state.on_test(report)

    def _finish(self, worker: _Worker, state: _RunState, outcome: str, code: str) -> RunResult:
        job = state.job
        stack_text = ""
        if outcome == "timeout":
            stack_text = worker.request_stack()
        if outcome in ("eof", "noack"):
            # The worker ended on its own: let it finish dying, then read what it left.
            try:
                worker.process.wait(timeout=2.0)
            except subprocess.TimeoutExpired:
                pass
            worker.kill()
            stack_text = worker.read_trace(0.2)
            deadline = time.monotonic() + DRAIN_S
        else:
            worker.kill()
            deadline = None if outcome == "result" else time.monotonic() + DRAIN_S
        for output, fd in ((state.stdout, worker.stdout_read), (state.stderr, worker.stderr_read)):
            chunk = _read_available(fd, deadline)
            if chunk:
                output.feed(chunk)
        duration_ms = (time.monotonic() - state.sent_at) * 1000.0

        if outcome == "result":
            try:
                result = RunResult.from_dict(state.result or {})
            except ProtocolError as error:
                result = self._failure(
                    state,
                    "error",
                    f"The kata worker sent a malformed result ({error}).",
                    "internal",
                )
        elif outcome == "cancelled":
            result = self._failure(state, "cancelled", "Cancelled.", None, "cancelled")
        elif outcome == "memory":
            limit = format_memory(self.memory_limit_mb or 0)
            result = self._failure(
                state,
                "error",
                f"Your code used more than {limit} of memory and was stopped. Use smaller "
                "inputs, avoid building large intermediates, and free tensors you no longer "
                "need.",
                "memory",
                f"stopped: used more than {limit} of memory",
            )
        elif outcome == "timeout":
            result = self._timeout(state, code, stack_text)
        else:
            result = self._crash(worker, state, code, stack_text, outcome)
        result.stdout = state.stdout.text()
        result.stderr = state.stderr.text()
        result.duration_ms = duration_ms
        result.device = job.device if not result.device else result.device
        peaks = [p for p in (result.max_rss_mb, state.peak_rss_mb or None) if p is not None]
        result.max_rss_mb = max(peaks) if peaks else None
        return result

    def _failure(
        self,
        state: _RunState,
        status: str,
        message: str,
        error_kind: str | None,
        running_note: str | None = None,
    ) -> RunResult:
        """A result the parent writes itself: the tests that finished, plus the one cut off."""
        tests = list(state.tests.values())
        if state.running_test and running_note:
            tests.append(TestReport(name=state.running_test, outcome="error", message=running_note))
        return RunResult(
            id=state.job.id,
            status=status,
            tests=tests,
            message=message,
            device=state.job.device,
            error_kind=error_kind,
        )

    def _timeout(self, state: _RunState, code: str, stack_text: str) -> RunResult:
        limit = f"{state.job.timeout_s:g} s"
        if state.job.mode == "probe":
            return self._failure(state, "timeout", f"Probing devices took more than {limit}.", None)
        if state.in_bench:
            # Every test passed already; only the timing was cut short.
            result = self._failure(state, "passed", "", None)
            result.bench = BenchReport(
                device=state.job.device,
                message=f"the bench did not finish within {2 * state.job.timeout_s:g} s "
                "and was stopped",
            )
            return result
        frames = parse_stack_dump(stack_text)
        stack, line = describe_stack(frames, code, state.test_file)
        what = f" (in {state.running_test})" if state.running_test else ""
        lines = [f"Your code did not finish within {limit}{what} and was stopped."]
        if line is not None:
            lines.append(f"It was running line {line}:")
            source = _source_line(code.splitlines(), line)
            if source:
                lines.append(f"    {source}")
        if stack:
            lines.append("Stack when it was stopped (most recent call last):")
            lines.append(stack)
        elif not stack_text:
            lines.append("(No stack was captured: the process did not answer the dump request.)")
        result = self._failure(state, "timeout", "\n".join(lines), None, f"timed out after {limit}")
        result.line = line
        return result

    def _crash(
        self, worker: _Worker, state: _RunState, code: str, stack_text: str, outcome: str
    ) -> RunResult:
        returncode = worker.process.poll()
        what = f" while running {state.running_test}" if state.running_test else ""
        frames = parse_stack_dump(stack_text)
        stack, line = describe_stack(frames, code, state.test_file) if frames else ("", None)
        if outcome == "noack":
            message = "The kata worker did not acknowledge the job; it was stopped."
            status = "crashed"
        elif returncode is not None and returncode < 0:
            name = _signal_name(-returncode)
            note = _SIGNAL_NOTES.get(name, "")
            message = f"The test process crashed{what}: {name}" + (f" ({note})." if note else ".")
            status = "crashed"
        else:
            message = (
                f"The test process exited{what} with exit code {returncode} before reporting a "
                "result. Kata code must return normally: do not call os._exit(), and do not "
                "end the process from a thread or a signal handler."
            )
            status = "error"
        if line is not None:
            source = _source_line(code.splitlines(), line)
            message += f"\nIt was running line {line} of your code" + (
                f":\n    {source}" if source else "."
            )
        if stack:
            message += "\nStack (most recent call last):\n" + stack
        result = self._failure(
            state,
            status,
            message,
            "crashed" if status == "crashed" else "exited",
            "the test process ended during this test",
        )
        result.line = line
        return result


def _kata_facts(kata: Any) -> tuple[Path, float, tuple[str, ...], bool]:
    """(folder, timeout_s, devices, bench) from a catalog Kata or a kata folder path."""
    if isinstance(kata, str | os.PathLike):
        folder = Path(kata)
        try:
            from desktop.katas.catalog import load_kata

            loaded = load_kata(folder)
        except Exception:  # noqa: BLE001 - an unreadable kata.toml still runs with defaults
            return folder, DEFAULT_TIMEOUT_S, (), True
        kata = loaded
    return (
        Path(kata.path),
        float(kata.timeout_s or DEFAULT_TIMEOUT_S),
        tuple(kata.devices),
        bool(kata.bench),
    )
