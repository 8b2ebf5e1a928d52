"""The versioned JSON-lines protocol between the runner (parent) and a kata worker (child).

Parent -> worker, on the job pipe, one line::

    {"v": 1, "id", "kata": "<kata dir>", "code", "device", "timeout_s",
     "mode": "test" | "bench" | "probe"}

Worker -> parent, on a dedicated result pipe (never the user's stdout), one JSON object per
line. Progress events carry an ``"event"`` key::

    {"v": 1, "event": "ready", "pid", "python", "torch"}       spare is warm, send a job
    {"v": 1, "event": "fatal", "message"}                     the worker could not start
    {"v": 1, "event": "started", "id"}                        the job's clock starts now
    {"v": 1, "event": "test_started", "id", "name"}
    {"v": 1, "event": "test_done", "id", "test": {...}}
    {"v": 1, "event": "bench_started", "id"}                  tests passed, timing begins

and the last line is the result (no ``"event"`` key)::

    {"v": 1, "id", "status": "passed"|"failed"|"error"|"timeout"|"crashed"|"cancelled",
     "tests": [{"name", "outcome", "message", "duration_ms", "line"}],
     "message", "line", "column", "stdout", "stderr", "device", "device_name",
     "duration_ms", "max_rss_mb", "bench": {...} | null, "error_kind", "devices"}

``stdout``/``stderr`` are filled in by the parent, which captures them itself. Messages are
decoded with ``json.loads`` and checked field by field into dataclasses; nothing a worker
sends is ever evaluated. ``error_kind`` says what kind of error a result is (``"syntax"``,
``"load"``, ``"device"``, ``"memory"``, ``"worker"``, ``"internal"``, ...) so a caller can
react (e.g. the CLI exits 2 for an unavailable device). ``devices`` is set for probe jobs.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from desktop.katas.devices import DeviceInfo

PROTOCOL_VERSION = 1
STATUSES = ("passed", "failed", "error", "timeout", "crashed", "cancelled")
TEST_OUTCOMES = ("passed", "failed", "error", "skipped")
MODES = ("test", "bench", "probe")
TEXT_LIMIT = 200_000  # no single string from a worker is kept beyond this


class ProtocolError(ValueError):
    """A worker sent something that is not a well-formed protocol message."""


def encode(message: dict[str, Any]) -> bytes:
    """One protocol line: compact JSON, UTF-8, newline-terminated."""
    return (json.dumps(message, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


def decode(line: bytes | str) -> dict[str, Any]:
    """Parse one protocol line into a dict, checking the version."""
    try:
        message = json.loads(line)
    except (ValueError, UnicodeDecodeError) as error:
        raise ProtocolError(f"not JSON: {error}") from None
    if not isinstance(message, dict):
        raise ProtocolError("a protocol message must be a JSON object")
    if message.get("v") != PROTOCOL_VERSION:
        raise ProtocolError(f"unsupported protocol version {message.get('v')!r}")
    return message


def _text(value: Any, limit: int = TEXT_LIMIT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProtocolError(f"expected a string, got {type(value).__name__}")
    return value if len(value) <= limit else value[:limit] + "\n... (cut)"


def _optional_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError(f"expected an integer or null, got {value!r}")
    return value


def _optional_number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProtocolError(f"expected a number or null, got {value!r}")
    return float(value)


def _number(value: Any, default: float = 0.0) -> float:
    number = _optional_number(value)
    return default if number is None else number


@dataclass
class Job:
    """One unit of work for a worker."""

    id: str
    kata: str  # path to the kata folder
    code: str
    device: str = "cpu"
    timeout_s: float = 10.0
    mode: str = "test"

    def to_dict(self) -> dict[str, Any]:
        return {"v": PROTOCOL_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Job:
        mode = data.get("mode", "test")
        if mode not in MODES:
            raise ProtocolError(f"unknown mode {mode!r}")
        return cls(
            id=_text(data.get("id")),
            kata=_text(data.get("kata")),
            code=_text(data.get("code"), limit=10_000_000),
            device=_text(data.get("device")) or "cpu",
            timeout_s=_number(data.get("timeout_s"), 10.0),
            mode=mode,
        )


@dataclass
class TestReport:
    """The outcome of one test of a kata."""

    __test__ = False  # not a pytest test class

    name: str
    outcome: str  # "passed" | "failed" | "error" | "skipped"
    message: str = ""
    duration_ms: float = 0.0
    line: int | None = None  # line of the submission where it failed

    @classmethod
    def from_dict(cls, data: Any) -> TestReport:
        if not isinstance(data, dict):
            raise ProtocolError("a test report must be an object")
        outcome = data.get("outcome")
        if outcome not in TEST_OUTCOMES:
            raise ProtocolError(f"unknown test outcome {outcome!r}")
        return cls(
            name=_text(data.get("name"), limit=1000),
            outcome=outcome,
            message=_text(data.get("message")),
            duration_ms=_number(data.get("duration_ms")),
            line=_optional_int(data.get("line")),
        )


@dataclass
class BenchReport:
    """The submission timed against the reference solution on one device."""

    entry_point: str = ""
    device: str = "cpu"
    runs: int = 0
    user_ms: float | None = None  # median wall time of one call
    reference_ms: float | None = None
    ratio: float | None = None  # user_ms / reference_ms: 2.0 means twice as slow
    user_peak_mb: float | None = None  # peak extra memory during one call
    reference_peak_mb: float | None = None
    message: str = ""  # why the bench could not run, or a note on the figures

    @classmethod
    def from_dict(cls, data: Any) -> BenchReport | None:
        if data is None:
            return None
        if not isinstance(data, dict):
            raise ProtocolError("bench must be an object or null")
        return cls(
            entry_point=_text(data.get("entry_point"), limit=200),
            device=_text(data.get("device"), limit=50) or "cpu",
            runs=_optional_int(data.get("runs")) or 0,
            user_ms=_optional_number(data.get("user_ms")),
            reference_ms=_optional_number(data.get("reference_ms")),
            ratio=_optional_number(data.get("ratio")),
            user_peak_mb=_optional_number(data.get("user_peak_mb")),
            reference_peak_mb=_optional_number(data.get("reference_peak_mb")),
            message=_text(data.get("message")),
        )


@dataclass
class RunResult:
    """What one run of a kata produced: the object the GUI shows and the CLI prints."""

    id: str
    status: str  # one of STATUSES
    tests: list[TestReport] = field(default_factory=list)
    message: str = ""
    line: int | None = None
    column: int | None = None
    stdout: str = ""
    stderr: str = ""
    device: str = "cpu"
    device_name: str = ""
    duration_ms: float = 0.0
    max_rss_mb: float | None = None
    bench: BenchReport | None = None
    error_kind: str | None = None
    devices: list[DeviceInfo] | None = None

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(TEST_OUTCOMES, 0)
        for test in self.tests:
            counts[test.outcome] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {"v": PROTOCOL_VERSION, **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunResult:
        """Build a result from a decoded worker message, checking every field's type."""
        status = data.get("status")
        if status not in STATUSES:
            raise ProtocolError(f"unknown status {status!r}")
        tests = data.get("tests") or []
        if not isinstance(tests, list):
            raise ProtocolError("tests must be a list")
        devices = data.get("devices")
        if devices is not None and not isinstance(devices, list):
            raise ProtocolError("devices must be a list or null")
        error_kind = data.get("error_kind")
        return cls(
            id=_text(data.get("id"), limit=200),
            status=status,
            tests=[TestReport.from_dict(test) for test in tests],
            message=_text(data.get("message")),
            line=_optional_int(data.get("line")),
            column=_optional_int(data.get("column")),
            stdout=_text(data.get("stdout")),
            stderr=_text(data.get("stderr")),
            device=_text(data.get("device"), limit=50) or "cpu",
            device_name=_text(data.get("device_name"), limit=200),
            duration_ms=_number(data.get("duration_ms")),
            max_rss_mb=_optional_number(data.get("max_rss_mb")),
            bench=BenchReport.from_dict(data.get("bench")),
            error_kind=_text(error_kind, limit=50) if error_kind is not None else None,
            devices=[DeviceInfo.from_dict(d) for d in devices if isinstance(d, dict)]
            if devices is not None
            else None,
        )
