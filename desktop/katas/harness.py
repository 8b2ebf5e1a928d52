"""Runs one kata's hidden tests against submitted code, in the current process (worker side).

The harness is what a kata worker executes after it has been handed a job, and what the
catalog's own tests use to check every solution, starter and wrong variant. It never
imports torch itself; the kata's tests do, and a warm worker has imported it already.

Contract with a kata's ``test_kata.py``: two fixtures, ``submission`` (the user's code as a
module) and ``device`` (a string such as ``"cpu"`` or ``"cuda"``). Tests must take everything
they test from ``submission`` and must create their tensors on ``device``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
import types
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

SUBMISSION_MODULE = "submission"
MESSAGE_LIMIT = 4000

# Built-in pytest plugins a kata run does not need. Each one costs time on every session,
# and unraisableexception/threadexception run gc.collect() several times per session, which
# is slow once torch is loaded. faulthandler is left to the worker, which owns the dump.
DISABLED_PLUGINS = (
    "cacheprovider",
    "terminal",
    "pytestqt",
    "unraisableexception",
    "threadexception",
    "faulthandler",
    "doctest",
    "junitxml",
    "pastebin",
    "stepwise",
    "setuponly",
    "setupplan",
    "logging",
    "warnings",
)

OUT_OF_MEMORY_HINT = (
    "The device ran out of memory. Use smaller sizes (batch, sequence length, hidden size), "
    "avoid materialising large intermediates, and free tensors you no longer need."
)


@dataclass
class TestOutcome:
    name: str
    outcome: str  # "passed" | "failed" | "error" | "skipped"
    message: str = ""
    duration_ms: float = 0.0
    line: int | None = None  # line in the submission where the failure surfaced


@dataclass
class HarnessResult:
    status: str  # "passed" | "failed" | "error"
    tests: list[TestOutcome] = field(default_factory=list)
    message: str = ""
    line: int | None = None
    column: int | None = None
    device: str = "cpu"
    duration_ms: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"passed": 0, "failed": 0, "error": 0, "skipped": 0}
        for test in self.tests:
            counts[test.outcome] = counts.get(test.outcome, 0) + 1
        return counts


def _clip(text: str, limit: int = MESSAGE_LIMIT) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n... ({len(text) - limit} more characters not shown)"


def _submission_line(tb: types.TracebackType | None, filename: str) -> int | None:
    """The deepest line of the submitted file in a traceback, for the editor to jump to."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _is_out_of_memory(exc: BaseException) -> bool:
    """torch.cuda.OutOfMemoryError (torch.OutOfMemoryError), a MemoryError, or torch's CPU
    allocator failing."""
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, RuntimeError) and "can't allocate memory" in str(exc):
        return True  # torch's CPU allocator: "DefaultCPUAllocator: can't allocate memory"
    return any(
        cls.__name__ == "OutOfMemoryError" and cls.__module__.startswith("torch")
        for cls in type(exc).__mro__
    )


def _describe_exception(exc: BaseException, filename: str) -> tuple[str, int | None]:
    line = _submission_line(exc.__traceback__, filename)
    name = type(exc).__name__
    text = str(exc).strip()
    if isinstance(exc, AssertionError):
        message = text or "assertion failed"
    elif isinstance(exc, NotImplementedError):
        message = "NotImplementedError: " + (text or "this function is not implemented yet")
    else:
        message = f"{name}: {text}" if text else name
        if _is_out_of_memory(exc):
            message = f"{OUT_OF_MEMORY_HINT}\n{message}"
        frames = traceback.extract_tb(exc.__traceback__)
        user_frames = [f for f in frames if f.filename == filename]
        if user_frames:
            where = user_frames[-1]
            message += f"\n  at line {where.lineno}: {(where.line or '').strip()}"
    # Hypothesis attaches the falsifying example as a note: the smallest failing input.
    notes = [str(note) for note in getattr(exc, "__notes__", None) or () if str(note).strip()]
    if notes:
        message += "\n" + "\n".join(notes)
    return _clip(message), line


def load_submission(
    code: str, workdir: Path
) -> tuple[types.ModuleType | None, HarnessResult | None]:
    """Compile and execute the user's code as module ``submission``.

    Returns the module, or an error result carrying the line (and column, for syntax
    errors) the editor should point at.
    """
    path = workdir / f"{SUBMISSION_MODULE}.py"
    path.write_text(code, encoding="utf-8")
    filename = str(path)
    try:
        compiled = compile(code, filename, "exec")
    except SyntaxError as exc:
        detail = exc.msg
        if exc.text:
            detail += f"\n  {exc.text.rstrip()}"
        return None, HarnessResult(
            status="error",
            message=f"SyntaxError at line {exc.lineno}, column {exc.offset}: {detail}",
            line=exc.lineno,
            column=exc.offset,
        )
    module = types.ModuleType(SUBMISSION_MODULE)
    module.__file__ = filename
    sys.modules[SUBMISSION_MODULE] = module
    try:
        exec(compiled, module.__dict__)
    except ModuleNotFoundError as exc:
        message, line = _describe_exception(exc, filename)
        hint = (
            f"\nThe module '{exc.name}' is not installed in the kata interpreter. "
            "Katas can use the standard library, numpy and torch."
        )
        return None, HarnessResult(status="error", message=message + hint, line=line)
    except BaseException as exc:  # noqa: BLE001 - anything user code raises is reported
        if isinstance(exc, KeyboardInterrupt):
            raise
        message, line = _describe_exception(exc, filename)
        return None, HarnessResult(
            status="error", message="Your code failed while loading: " + message, line=line
        )
    return module, None


class _Collector:
    """A pytest plugin object: provides the two kata fixtures and records every outcome."""

    def __init__(
        self,
        module: types.ModuleType,
        device: str,
        filename: str,
        on_test_start: Callable[[str], None] | None = None,
        on_test_done: Callable[[TestOutcome], None] | None = None,
    ):
        self.module = module
        self.device = device
        self.filename = filename
        self.tests: dict[str, TestOutcome] = {}
        self.collection_errors: list[str] = []
        self.collected = 0
        self.finished: set[str] = set()  # tests whose call phase reported (or were skipped)
        self.on_test_start = on_test_start
        self.on_test_done = on_test_done

    # Fixtures are registered through pytest_configure so they bind to this instance.
    def pytest_configure(self, config):
        import pytest

        collector = self

        class _Fixtures:
            @pytest.fixture
            def submission(self):
                return collector.module

            @pytest.fixture
            def device(self):
                return collector.device

        config.pluginmanager.register(_Fixtures(), "mlprep-kata-fixtures")

    def pytest_collectreport(self, report):
        if report.failed:
            self.collection_errors.append(_clip(str(report.longrepr)))

    def pytest_collection_finish(self, session):
        self.collected = len(session.items)

    def pytest_runtest_logstart(self, nodeid, location):
        if self.on_test_start is not None:
            self.on_test_start(nodeid.split("::", 1)[-1])

    def pytest_runtest_logfinish(self, nodeid, location):
        outcome = self.tests.get(nodeid.split("::", 1)[-1])
        if self.on_test_done is not None and outcome is not None:
            self.on_test_done(outcome)

    def pytest_runtest_makereport(self, item, call):
        if call.excinfo is None or call.when not in ("setup", "call", "teardown"):
            return
        exc = call.excinfo.value
        if call.excinfo.errisinstance(Exception) or isinstance(exc, AssertionError):
            message, line = _describe_exception(exc, self.filename)
        else:
            message, line = f"{type(exc).__name__}: {exc}", None
        item.stash.setdefault(_MESSAGES, []).append((call.when, message, line))

    def pytest_runtest_logreport(self, report):
        name = report.nodeid.split("::", 1)[-1]
        outcome = self.tests.get(name)
        if outcome is None:
            outcome = self.tests[name] = TestOutcome(name=name, outcome="passed")
        outcome.duration_ms += report.duration * 1000.0
        if report.when == "call" or report.skipped or report.failed:
            self.finished.add(name)
        if report.skipped and report.when in ("setup", "call"):
            outcome.outcome = "skipped"
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
            outcome.message = str(reason).removeprefix("Skipped: ")
        elif report.failed:
            outcome.outcome = "failed" if report.when == "call" else "error"
            message = getattr(report, "mlprep_message", None)
            if message is None:
                message = _clip(str(report.longreprtext or report.longrepr))
            outcome.message = message
            outcome.line = getattr(report, "mlprep_line", None)


_MESSAGES = None  # replaced by a pytest StashKey on first use


def _install_report_hook(collector: _Collector):
    """Attach the concise message computed in makereport to the report pytest logs."""
    import pytest

    global _MESSAGES
    if _MESSAGES is None:
        _MESSAGES = pytest.StashKey[list]()

    class _ReportHook:
        @pytest.hookimpl(wrapper=True)
        def pytest_runtest_makereport(self, item, call):
            report = yield
            if report.failed:
                for when, message, line in item.stash.get(_MESSAGES, []):
                    if when == call.when:
                        report.mlprep_message = message
                        report.mlprep_line = line
            return report

    return _ReportHook()


def _configure_hypothesis(shrink: bool = True) -> None:
    try:
        from hypothesis import HealthCheck, Phase, settings
    except ImportError:
        return
    # Built on the default profile, so a quick run earlier in this process leaks nothing.
    settings.register_profile(
        "mlprep-kata",
        settings.get_profile("default"),
        database=None,
        deadline=None,
        derandomize=True,
        max_examples=60,
        print_blob=False,
        report_multiple_bugs=False,
        # The explain phase reports lines of our helpers, which only confuses a learner.
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )
    if shrink:
        settings.load_profile("mlprep-kata")
        return
    settings.register_profile(
        "mlprep-kata-quick",
        settings.get_profile("mlprep-kata"),
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
    )
    settings.load_profile("mlprep-kata-quick")


def _pytest_args(test_file: Path) -> list[str]:
    import pytest

    args = [str(test_file)]
    for plugin in DISABLED_PLUGINS:
        args += ["-p", f"no:{plugin}"]
    major, minor = (int(part) for part in pytest.__version__.split(".")[:2])
    if (major, minor) >= (8, 4):
        # Entry-point plugins (pytest-qt, hypothesis' reporter, ...) are not needed by katas,
        # and scanning installed distributions for them costs time on every session.
        args.append("--disable-plugin-autoload")
    return args + [
        "--import-mode=importlib",
        "--rootdir",
        str(test_file.parent),
        # conftest.py files above the kata folder (a user's project, our own tests/) are not
        # the kata's: never load them into a run.
        "--confcutdir",
        str(test_file.parent),
        "-c",
        os.devnull,
        "-s",
    ]


def _forget_kata_modules(before: set[str], kata_dir: Path) -> None:
    """Drop the modules a run imported from the kata folder (every kata's tests are named
    test_kata, and pytest's importlib mode reuses a module of the same name), so that the
    next run in this process imports its own kata's tests."""
    for name in set(sys.modules) - before:
        module_file = getattr(sys.modules.get(name), "__file__", None)
        if module_file and Path(module_file).resolve().is_relative_to(kata_dir):
            del sys.modules[name]


def run_tests(
    test_file: Path,
    code: str,
    device: str = "cpu",
    *,
    on_test_start: Callable[[str], None] | None = None,
    on_test_done: Callable[[TestOutcome], None] | None = None,
    shrink: bool = True,
    max_failures: int | None = None,
) -> HarnessResult:
    """Run ``test_file`` against ``code`` on ``device`` and return a structured result.

    ``on_test_start(name)`` and ``on_test_done(outcome)`` are called as each test begins and
    ends, so a worker can report progress (and which test was running when it was stopped).
    ``shrink=False`` skips Hypothesis' shrinking of a failing example: much faster when only
    pass/fail matters (the catalog's self check), but the reported example is not minimal.
    ``max_failures=N`` stops after N failing tests (the rest are not run or reported).
    """
    import pytest

    started = time.perf_counter()
    test_file = Path(test_file).resolve()
    with tempfile.TemporaryDirectory(prefix="mlprep-kata-") as tmp:
        workdir = Path(tmp)
        module, failure = load_submission(code, workdir)
        if failure is not None:
            failure.device = device
            failure.duration_ms = (time.perf_counter() - started) * 1000.0
            return failure
        _configure_hypothesis(shrink)
        collector = _Collector(
            module,
            device,
            str(workdir / f"{SUBMISSION_MODULE}.py"),
            on_test_start=on_test_start,
            on_test_done=on_test_done,
        )
        args = _pytest_args(test_file)
        if max_failures:
            args.append(f"--maxfail={int(max_failures)}")
        before = set(sys.modules)
        try:
            exit_code = pytest.main(args, plugins=[collector, _install_report_hook(collector)])
        finally:
            sys.modules.pop(SUBMISSION_MODULE, None)
            _forget_kata_modules(before, test_file.parent)

    tests = list(collector.tests.values())
    result = HarnessResult(status="passed", tests=tests, device=device)
    if collector.collection_errors:
        result.status = "error"
        result.message = "The kata's tests could not be collected:\n" + "\n".join(
            collector.collection_errors
        )
    elif not tests:
        result.status = "error"
        result.message = f"No tests ran (pytest exit code {int(exit_code)})."
    elif int(exit_code) == int(pytest.ExitCode.INTERRUPTED) or (
        len(tests) < collector.collected
        and not (
            max_failures and sum(t.outcome in ("failed", "error") for t in tests) >= max_failures
        )
    ):
        # pytest.exit() or KeyboardInterrupt from user code stops the session early; the
        # tests that never ran must not count as passed.
        result.status = "error"
        for test in tests:
            if test.name not in collector.finished:
                test.outcome = "error"
                test.message = test.message or "the test run was interrupted during this test"
        done, total = len(collector.finished), collector.collected
        result.message = (
            f"The test run was interrupted after {done} of {total} tests "
            f"(pytest exit code {int(exit_code)}); does your code call pytest.exit() or raise "
            "KeyboardInterrupt?"
        )
    elif any(t.outcome == "error" for t in tests):
        result.status = "failed"
    elif any(t.outcome == "failed" for t in tests):
        result.status = "failed"
    failing = [t for t in tests if t.outcome in ("failed", "error")]
    if failing and result.line is None:
        result.line = next((t.line for t in failing if t.line), None)
    result.duration_ms = (time.perf_counter() - started) * 1000.0
    return result


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.katas.harness",
        description="Run a kata's tests in this process (authoring aid; the app uses workers).",
    )
    parser.add_argument("kata_dir", type=Path, help="folder holding kata.toml and test_kata.py")
    parser.add_argument("--code", type=Path, help="file to test (default: the kata's solution.py)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--json", action="store_true", help="print the result object as JSON")
    args = parser.parse_args(argv)
    code_path = args.code or args.kata_dir / "solution.py"
    result = run_tests(args.kata_dir / "test_kata.py", code_path.read_text(), args.device)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        for test in result.tests:
            print(f"{test.outcome:8} {test.name} ({test.duration_ms:.0f} ms)")
            if test.message:
                print("         " + test.message.replace("\n", "\n         "))
        if result.message:
            print(result.message)
        print(f"{result.status}: {result.counts}")
    return 0 if result.status == "passed" else 1


if __name__ == "__main__":
    raise SystemExit(_main())
