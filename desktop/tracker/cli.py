"""``mlprep tracker ...``: import/export applications as CSV and the schedule as .ics.

``tracker import-csv FILE [--skip-invalid]`` stores every row or, if any row is bad, none
(listing each bad row with its line number and reason); with ``--skip-invalid`` the good rows
are stored and the bad ones listed. ``tracker export-csv [-o FILE]`` and ``tracker ics
[-o FILE]`` print to stdout unless given a file. Exit status: 0 ok, 1 bad rows, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    tracker = subparsers.add_parser("tracker", help="import/export applications and the schedule")
    commands = tracker.add_subparsers(dest="tracker_command", metavar="SUBCOMMAND", required=True)
    importer = commands.add_parser("import-csv", help="add applications from a CSV file")
    importer.add_argument("file", metavar="FILE", type=Path)
    importer.add_argument(
        "--skip-invalid", action="store_true", help="store the good rows, list the bad ones"
    )
    importer.set_defaults(handler=cmd_import_csv)
    exporter = commands.add_parser("export-csv", help="write the applications as CSV")
    exporter.add_argument("-o", "--output", metavar="FILE", type=Path)
    exporter.set_defaults(handler=cmd_export_csv)
    ics = commands.add_parser("ics", help="write interviews and deadlines as an .ics calendar")
    ics.add_argument("-o", "--output", metavar="FILE", type=Path)
    ics.set_defaults(handler=cmd_ics)


def _open(args):
    from desktop.session import open_session

    return open_session(args.data_dir, backup=False)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    partial = Path(str(output) + ".partial")
    partial.write_text(text, encoding="utf-8", newline="")
    partial.replace(output)


def cmd_import_csv(args) -> int:
    from desktop.tracker.service import import_csv_text

    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"mlprep: cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    session = _open(args)
    try:
        stored, problems = import_csv_text(session.store, text, skip_invalid=args.skip_invalid)
    finally:
        session.close()
    for problem in problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    if problems and not args.skip_invalid:
        print(
            "mlprep: nothing was imported (use --skip-invalid to store the good rows)",
            file=sys.stderr,
        )
        return 1
    print(f"Imported {stored} application(s)" + (f", skipped {len(problems)}" if problems else ""))
    return 0


def cmd_export_csv(args) -> int:
    from desktop.store.tracker import applications
    from desktop.tracker.exchange import applications_to_csv

    session = _open(args)
    try:
        _write(applications_to_csv(applications(session.store)), args.output)
    finally:
        session.close()
    return 0


def cmd_ics(args) -> int:
    from desktop.tracker.service import calendar_text

    session = _open(args)
    try:
        _write(calendar_text(session.store), args.output)
    finally:
        session.close()
    return 0
