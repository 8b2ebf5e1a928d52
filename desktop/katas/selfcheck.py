"""Checks kata packs in one process: every solution passes, starters and wrong answers fail.

    python -m desktop.katas.selfcheck [--json] [--jobs N] [--device cpu] PATH...

PATH is a pack (a folder of kata folders) or one kata folder. Each kata is validated
(``catalog.load_kata``), then its ``solution.py`` (must pass), ``starter.py`` and every
``wrong/*.py`` (must fail: tests run and at least one fails) are run with
``harness.run_tests`` in this interpreter, one after the other, which is fast because torch
and pytest are imported once. A kata that declares ``bench = true`` and defines
``bench_case`` has its bench run briefly (solution against itself). The catalog tests and
``mlprep kata check`` use this.

With ``--json`` each kata's report is one JSON line on stdout, preceded by
``{"event": "checking", "slug", "variant"}`` lines so that a caller can tell which variant a
crashed or hung check was on; what kata code prints goes to stderr. ``--jobs N`` splits the
katas over N fresh interpreters. Exit status 0 when every kata is fine.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

VARIANT_TIMEOUT_FLOOR_S = 60.0


@dataclass
class VariantReport:
    name: str  # "solution.py", "starter.py", "wrong/<name>.py"
    expect: str  # "pass" | "fail"
    status: str
    ok: bool
    message: str = ""
    failing: list[str] = field(default_factory=list)
    duration_ms: float = 0.0


@dataclass
class KataReport:
    slug: str
    path: str
    problems: list[str] = field(default_factory=list)
    variants: list[VariantReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and all(variant.ok for variant in self.variants)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data


def kata_folders(paths: list[Path]) -> list[Path]:
    """Every kata folder under the given packs (a folder with kata.toml, or any subfolder)."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if (path / "kata.toml").is_file() or (path / "test_kata.py").is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(
                child
                for child in sorted(path.iterdir())
                if child.is_dir() and not child.name.startswith((".", "_"))
            )
    return found


def _reset_global_state() -> None:
    """Undo the process-wide settings a kata run may change (the app uses fresh workers)."""
    torch = sys.modules.get("torch")
    if torch is None:
        return
    torch.set_default_dtype(torch.float32)
    torch.set_grad_enabled(True)
    try:
        torch.use_deterministic_algorithms(False)
    except Exception:  # noqa: BLE001
        pass


def _run_variant(test_file: Path, name: str, code: str, expect: str, device: str) -> VariantReport:
    from desktop.katas.harness import run_tests

    _reset_global_state()
    # Only pass/fail matters here: no shrinking, and a variant that must fail stops at its
    # first failing test.
    must_fail = expect == "fail"
    result = run_tests(
        test_file, code, device, shrink=not must_fail, max_failures=1 if must_fail else None
    )
    failing = [t.name for t in result.tests if t.outcome in ("failed", "error")]
    if expect == "pass":
        ok = result.status == "passed"
        message = "" if ok else _first_problem(result)
    else:
        ok = result.status == "failed"
        if result.status == "passed":
            message = "every test passed, but this variant must fail at least one test"
        elif result.status == "error":
            message = "the tests could not run it (it must load and fail a test): " + (
                result.message or _first_problem(result)
            )
        else:
            message = ""
    return VariantReport(
        name=name,
        expect=expect,
        status=result.status,
        ok=ok,
        message=message[:2000],
        failing=failing,
        duration_ms=result.duration_ms,
    )


def _first_problem(result: Any) -> str:
    if result.message:
        return result.message
    for test in result.tests:
        if test.outcome in ("failed", "error"):
            return f"{test.name}: {test.message}"
    return result.status


def _bench_smoke(kata: Any, device: str) -> str | None:
    """Run the bench briefly with the solution against itself; a problem or None."""
    import tempfile

    from desktop.katas import benchmark, harness

    with tempfile.TemporaryDirectory(prefix="mlprep-kata-") as folder:
        module, failure = harness.load_submission(kata.solution_text(), Path(folder))
        if failure is not None:
            return f"bench: the solution does not load: {failure.message}"
        try:
            report = benchmark.run_bench(kata.path, module, device, budget_s=0.05)
        except Exception as error:  # noqa: BLE001 - reported as a content problem
            return f"bench: bench_case failed: {type(error).__name__}: {error}"
        finally:
            sys.modules.pop(harness.SUBMISSION_MODULE, None)
    if report.user_ms is None:
        return f"bench: {report.message}"
    return None


def check_kata(folder: Path, device: str = "cpu", emit: Any = None) -> KataReport:
    """Validate one kata folder and run its variants in this process."""
    from desktop.katas.catalog import ValidationError, load_kata

    report = KataReport(slug=folder.name, path=str(folder))
    try:
        kata = load_kata(folder)
    except ValidationError as error:
        report.problems = [str(problem) for problem in error.problems]
        return report
    report.topics = list(kata.topics)
    variants = [
        ("solution.py", kata.solution_text(), "pass"),
        ("starter.py", kata.starter_text(), "fail"),
    ]
    variants += [(name, code, "fail") for name, code in kata.wrong_variants().items()]
    limit = max(VARIANT_TIMEOUT_FLOOR_S, kata.timeout_s * 3)
    for name, code, expect in variants:
        if emit is not None:
            emit({"event": "checking", "slug": kata.slug, "variant": name})
        faulthandler.dump_traceback_later(limit, exit=True)
        try:
            report.variants.append(_run_variant(kata.test_path, name, code, expect, device))
        finally:
            faulthandler.cancel_dump_traceback_later()
    if kata.bench:
        tests = kata.test_path.read_text(encoding="utf-8", errors="replace")
        if "def bench_case(" not in tests:
            report.notes.append("bench = true but test_kata.py defines no bench_case(device)")
        elif report.variants and report.variants[0].ok:
            if emit is not None:
                emit({"event": "checking", "slug": kata.slug, "variant": "bench"})
            problem = _bench_smoke(kata, device)
            if problem:
                report.problems.append(problem)
    return report


class _Output:
    """Protocol lines go to the real stdout; everything kata code prints goes to stderr."""

    def __init__(self, as_json: bool):
        self.as_json = as_json
        sys.stdout.flush()
        self._stream: TextIO = os.fdopen(os.dup(1), "w", buffering=1)
        os.dup2(2, 1)

    def emit(self, message: dict[str, Any]) -> None:
        if self.as_json:
            self._stream.write(json.dumps(message) + "\n")

    def report(self, report: KataReport) -> None:
        if self.as_json:
            self._stream.write(json.dumps(report.to_dict()) + "\n")
            return
        mark = "ok  " if report.ok else "FAIL"
        self._stream.write(f"{mark} {report.slug}\n")
        for problem in report.problems:
            self._stream.write(f"       {problem}\n")
        for variant in report.variants:
            if not variant.ok:
                detail = variant.message.replace("\n", "\n         ")
                self._stream.write(
                    f"       {variant.name}: expected to {variant.expect}, got {variant.status}"
                    f"\n         {detail}\n"
                )
        for note in report.notes:
            self._stream.write(f"       note: {note}\n")


def _shard_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "--kata-worker", "selfcheck"]
    return [sys.executable, "-m", "desktop.katas.selfcheck"]


def _run_shards(args: argparse.Namespace, out: TextIO) -> int:
    """Split the katas over --jobs fresh interpreters and pass their JSON lines through."""
    from desktop.katas.runner import worker_environment

    folders = kata_folders(args.paths)
    jobs = min(args.jobs, len(folders))
    processes = []
    for index in range(jobs):
        mine = [str(folder) for n, folder in enumerate(folders) if n % jobs == index]
        command = [*_shard_command(), "--json", "--device", args.device, *mine]
        processes.append(
            subprocess.Popen(command, stdout=subprocess.PIPE, env=worker_environment(), text=True)
        )
    failed = False
    reports: list[dict[str, Any]] = []
    for process in processes:
        assert process.stdout is not None
        for line in process.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if "event" in message:
                if args.json:
                    out.write(line)
                continue
            reports.append(message)
            failed = failed or not message.get("ok")
            if args.json:
                out.write(line)
        if process.wait() != 0:
            failed = True
    if not args.json:
        for message in reports:
            out.write(f"{'ok  ' if message.get('ok') else 'FAIL'} {message.get('slug')}\n")
            for problem in message.get("problems", []):
                out.write(f"       {problem}\n")
            for variant in message.get("variants", []):
                if not variant.get("ok"):
                    out.write(
                        f"       {variant['name']}: expected to {variant['expect']}, "
                        f"got {variant['status']}\n         {variant['message']}\n"
                    )
    out.flush()
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.katas.selfcheck", description=__doc__.splitlines()[0]
    )
    parser.add_argument("paths", nargs="+", type=Path, help="kata packs or kata folders")
    parser.add_argument("--json", action="store_true", help="one JSON report per kata per line")
    parser.add_argument("--jobs", type=int, default=1, help="split over N interpreters")
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args(argv)
    if args.jobs > 1:
        return _run_shards(args, sys.stdout)
    out = _Output(args.json)
    started = time.perf_counter()
    failed = 0
    folders = kata_folders(args.paths)
    for folder in folders:
        report = check_kata(folder, args.device, emit=out.emit)
        failed += not report.ok
        out.report(report)
    if not args.json:
        elapsed = time.perf_counter() - started
        out._stream.write(
            f"{len(folders) - failed} of {len(folders)} katas fine ({elapsed:.1f} s)\n"
        )
    out._stream.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
