"""``mlprep kata ...``: list katas, test a solution file, check a kata pack. Same core as the GUI.

``register(subparsers)`` adds ``kata`` with ``list [--json]``, ``test SLUG --solution FILE
[--device cpu|cuda|mps] [--python PATH] [--bench] [--json] [--timeout S]`` and ``check [PATH] [--json]
[--jobs N]``. Handlers take the parsed args (which carry ``kata_paths`` and ``data_dir`` from
the app's global options) and return the exit status: 0 when everything passed, 1 when a test
failed or errored, 2 for an unknown kata, a missing file or an unavailable device.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.katas.catalog import load_catalog
from desktop.katas.protocol import RunResult
from desktop.katas.runner import (
    KataRunner,
    check_interpreter,
    worker_command,
    worker_environment,
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    kata = subparsers.add_parser("kata", help="list katas, test a solution, check a kata pack")
    commands = kata.add_subparsers(dest="kata_command", metavar="SUBCOMMAND", required=True)

    listing = commands.add_parser("list", help="list the katas (shipped and --kata-path packs)")
    listing.add_argument("--json", action="store_true", help="print the katas as JSON")
    listing.set_defaults(handler=cmd_list)

    test = commands.add_parser("test", help="run a kata's tests against a solution file")
    test.add_argument("slug", metavar="SLUG")
    test.add_argument("--solution", metavar="FILE", required=True, type=Path)
    test.add_argument("--device", default="cpu", help="cpu, cuda or mps (default: cpu)")
    test.add_argument("--timeout", metavar="S", type=float, help="time limit in seconds")
    test.add_argument(
        "--python",
        metavar="PATH",
        type=Path,
        help="run in this Python (one with your own torch, e.g. a CUDA build) instead of "
        "the app's own",
    )
    test.add_argument("--bench", action="store_true", help="also time it against the reference")
    test.add_argument("--json", action="store_true", help="print the result object as JSON")
    test.set_defaults(handler=cmd_test)

    check = commands.add_parser(
        "check", help="check a kata pack: solutions pass, starters and wrong answers fail"
    )
    check.add_argument(
        "path",
        metavar="PATH",
        nargs="?",
        type=Path,
        help="a pack or kata folder (default: the shipped katas and --kata-path packs)",
    )
    check.add_argument("--json", action="store_true", help="one JSON report per kata per line")
    check.add_argument("--jobs", type=int, default=1, help="check with N interpreters")
    check.set_defaults(handler=cmd_check)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"mlprep: {message}", file=sys.stderr)
    return code


def _kata_paths(args: argparse.Namespace) -> list[Path]:
    return list(getattr(args, "kata_paths", None) or [])


def cmd_list(args: argparse.Namespace) -> int:
    catalog = load_catalog(_kata_paths(args))
    if args.json:
        print(
            json.dumps(
                {
                    "katas": [kata.to_dict() for kata in catalog.katas],
                    "problems": [
                        {"path": str(p.path), "message": p.message} for p in catalog.problems
                    ],
                },
                indent=2,
            )
        )
    else:
        for kata in catalog.katas:
            print(
                f"{kata.slug:34} {kata.area:14} {kata.difficulty:7} {kata.minutes:3} min  "
                f"{kata.title}"
            )
    for problem in catalog.problems:
        print(f"mlprep: skipped {problem}", file=sys.stderr)
    return EXIT_OK


def _print_result(result: RunResult) -> None:
    for test in result.tests:
        line = f" (line {test.line})" if test.line else ""
        print(f"{test.outcome:8} {test.name}{line}")
        if test.message and test.outcome in ("failed", "error"):
            print("         " + test.message.replace("\n", "\n         "))
    if result.message:
        print(result.message)
    for name, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        if text.strip():
            print(f"--- {name} ---\n{text.rstrip()}")
    if result.bench is not None:
        bench = result.bench
        if bench.ratio is not None:
            print(
                f"bench ({bench.entry_point} on {bench.device}, median of {bench.runs}): yours "
                f"{bench.user_ms:.3f} ms, reference {bench.reference_ms:.3f} ms, "
                f"ratio {bench.ratio:.2f}"
            )
        if bench.message:
            print(f"bench: {bench.message}")
    counts = ", ".join(f"{n} {k}" for k, n in result.counts.items() if n)
    print(f"{result.status} on {result.device}" + (f": {counts}" if counts else ""))


def cmd_test(args: argparse.Namespace) -> int:
    catalog = load_catalog(_kata_paths(args))
    kata = catalog.get(args.slug)
    if kata is None:
        return _fail(f"unknown kata {args.slug!r}; `mlprep kata list` shows the katas")
    solution: Path = args.solution
    if not solution.is_file():
        return _fail(f"{solution} is not a file")
    try:
        code = solution.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"cannot read {solution}: {error}")
    interpreter = args.python
    if interpreter is not None:
        check = check_interpreter(interpreter)
        if not check.ok:
            return _fail(f"cannot run katas with {interpreter}: {check.message}")
    with KataRunner(interpreter=interpreter) as runner:
        result = runner.run(
            kata,
            code,
            device=args.device,
            mode="bench" if args.bench else "test",
            timeout_s=args.timeout,
        )
    if result.error_kind in ("device", "worker"):
        if args.json:
            print(json.dumps(result.to_dict(), indent=2))
        return _fail(result.message)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        _print_result(result)
    return EXIT_OK if result.passed else EXIT_FAILED


def selfcheck_command() -> list[str]:
    """argv of the self check in a fresh interpreter (also works in a frozen app)."""
    return [*worker_command(None), "selfcheck"]


def cmd_check(args: argparse.Namespace) -> int:
    if args.path is not None:
        if not args.path.is_dir():
            return _fail(f"{args.path} is not a folder")
        paths = [args.path]
    else:
        from desktop.katas.catalog import default_kata_root

        paths = [default_kata_root(), *_kata_paths(args)]
        missing = [path for path in paths if not path.is_dir()]
        if missing:
            return _fail(f"{missing[0]} is not a folder")
    command = [*selfcheck_command(), *(["--json"] if args.json else [])]
    command += ["--jobs", str(max(1, args.jobs)), *[str(path) for path in paths]]
    sys.stdout.flush()
    completed = subprocess.run(command, env=worker_environment(), cwd=os.getcwd())
    return EXIT_OK if completed.returncode == 0 else EXIT_FAILED
