"""Entry point: `mlprep` opens the window; `mlprep <command>` runs the same core from a shell."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from desktop import __version__
from desktop.paths import content_root, resolve_data_dir


def _cli_modules():
    """Domain packages that add subcommands; each has register(subparsers)."""
    import importlib

    modules = []
    for name in ("desktop.katas.cli", "desktop.tracker.cli", "desktop.study.cli"):
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return modules


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mlprep",
        description="MLPrep: offline preparation for ML Engineer and Research Scientist "
        "interviews. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"mlprep {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where your data lives (default: $MLPREP_DATA_DIR or the platform's data folder)",
    )
    parser.add_argument(
        "--kata-path",
        metavar="DIR",
        action="append",
        default=[],
        help="an extra folder of kata packs (may be given more than once)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen, touch the store, close, exit 0 when all is well",
    )
    parser.add_argument("--kata-worker", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check the database's integrity, schema and paths")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(handler=cmd_check)

    backup = sub.add_parser("backup", help="make a backup of the database now")
    backup.set_defaults(handler=cmd_backup)

    restore = sub.add_parser(
        "restore", help="replace a damaged database with a backup (the old file is kept aside)"
    )
    restore.add_argument(
        "--backup", metavar="FILE", help="the backup to restore (default: newest good one)"
    )
    restore.set_defaults(handler=cmd_restore)

    export = sub.add_parser("export", help="export everything you created as one JSON document")
    export.add_argument("--format", choices=["json"], default="json")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    export.set_defaults(handler=cmd_export)

    importer = sub.add_parser(
        "import-json", help="replace your data with an export (all or nothing)"
    )
    importer.add_argument("file", metavar="FILE")
    importer.set_defaults(handler=cmd_import_json)

    for module in _cli_modules():
        module.register(sub)
    _accept_global_options_after_commands(parser)
    return parser


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):  # aliases map to one parser
                found.append(child)
                found.extend(_subparsers(child))
    return found


def _accept_global_options_after_commands(parser: argparse.ArgumentParser) -> None:
    """``mlprep demo --data-dir DIR`` means the same as ``mlprep --data-dir DIR demo``: every
    command also takes --data-dir and --kata-path (under other names, merged in main())."""
    for child in _subparsers(parser):
        child.add_argument(
            "--data-dir",
            dest="data_dir_after",
            metavar="DIR",
            default=argparse.SUPPRESS,
            help="where your data lives (as before the command)",
        )
        child.add_argument(
            "--kata-path",
            dest="kata_path_after",
            metavar="DIR",
            action="append",
            default=argparse.SUPPRESS,
            help="an extra folder of kata packs (as before the command)",
        )


def _merge_global_options(args: argparse.Namespace) -> None:
    after = vars(args).pop("data_dir_after", None)
    if after is not None:
        args.data_dir = after
    args.kata_path = [*args.kata_path, *vars(args).pop("kata_path_after", [])]


def _fail(message: str, code: int = 2) -> int:
    print(f"mlprep: {message}", file=sys.stderr)
    return code


def _open(args, *, lock: bool):
    from desktop.session import open_session
    from desktop.store.database import StoreError
    from desktop.store.lock import DataInUseError

    try:
        return open_session(args.data_dir, lock=lock, backup=False), None
    except (StoreError, DataInUseError) as error:
        return None, str(error)


def cmd_check(args) -> int:
    from desktop.session import DataFolder
    from desktop.store.backup import list_backups, newest_good_backup
    from desktop.store.database import CorruptDatabaseError, open_store
    from desktop.store.migrations import latest_version

    folder = DataFolder(args.data_dir)
    report = {
        "data_dir": str(folder.path),
        "database": str(folder.database),
        "backups_dir": str(folder.backups),
        "logs_dir": str(folder.logs),
        "content_dir": str(content_root()),
        "backups": len(list_backups(folder.backups)),
        "latest_schema_version": latest_version(),
    }
    ok = True
    if not folder.database.exists():
        report.update(integrity="no database yet (it is created on first start)", schema_version=0)
    else:
        try:
            store = open_store(folder.database, upgrade=False)
        except CorruptDatabaseError as error:
            ok = False
            good = newest_good_backup(folder.backups)
            report.update(integrity=error.detail, schema_version=None)
            report["advice"] = (
                f"Run `mlprep restore` to restore {good.name}." if good else "No good backup found."
            )
        except Exception as error:  # noqa: BLE001 - reported to the user
            ok = False
            report.update(integrity=str(error), schema_version=None)
        else:
            result = store.check()
            store.close()
            report.update(integrity=result.integrity, schema_version=result.schema_version)
            ok = result.integrity == "ok"
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key.replace('_', ' '):>22}: {value}")
    return 0 if ok else 1


def cmd_backup(args) -> int:
    from desktop.session import DataFolder
    from desktop.store.backup import create_backup
    from desktop.store.database import StoreError, open_store

    folder = DataFolder(args.data_dir)
    if not folder.database.exists():
        return _fail(f"there is no database in {folder.path} yet; nothing to back up")
    try:
        store = open_store(folder.database, upgrade=False)
    except StoreError as error:
        return _fail(str(error))
    try:
        target = create_backup(store.conn, folder.backups)
    except OSError as error:
        return _fail(f"backup failed: {error}", 1)
    finally:
        store.close()
    print(f"Backup written to {target}")
    return 0


def cmd_restore(args) -> int:
    from desktop.session import DataFolder
    from desktop.store.backup import newest_good_backup, restore_backup
    from desktop.store.database import quick_check
    from desktop.store.lock import DataInUseError, DataLock

    folder = DataFolder(args.data_dir)
    backup = Path(args.backup) if args.backup else newest_good_backup(folder.backups)
    if backup is None:
        return _fail(f"no good backup found in {folder.backups}")
    if not backup.exists() or quick_check(backup) != "ok":
        return _fail(f"{backup} is missing or is not a readable MLPrep database")
    try:
        with DataLock(folder.path):
            aside = restore_backup(folder.database, backup)
    except DataInUseError as error:
        return _fail(str(error))
    print(f"Restored {backup.name}. The previous file was kept as {aside.name}.")
    return 0


def cmd_export(args) -> int:
    from desktop.store.exchange import export_json

    session, error = _open(args, lock=False)
    if session is None:
        return _fail(error)
    try:
        target = Path(args.output) if args.output else None
        text = export_json(session.store, target)
    except OSError as error:
        return _fail(f"could not write {args.output}: {error.strerror or error}", 1)
    finally:
        session.close()
    if target is None:
        print(text)
    else:
        print(f"Exported to {target}", file=sys.stderr)
    return 0


def cmd_import_json(args) -> int:
    from desktop.store.exchange import ImportError_, import_json

    session, error = _open(args, lock=True)
    if session is None:
        return _fail(error)
    try:
        counts = import_json(session.store, Path(args.file))
    except ImportError_ as error:
        return _fail(str(error), 1)
    finally:
        session.close()
    total = sum(counts.values())
    print(f"Imported {total} rows into {len(counts)} tables.")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--kata-worker" in argv:
        import importlib

        worker = importlib.import_module("desktop.katas.worker")
        return worker.main([a for a in argv if a != "--kata-worker"])
    parser = build_parser()
    args = parser.parse_args(argv)
    _merge_global_options(args)
    if args.self_test and not (args.data_dir or os.environ.get("MLPREP_DATA_DIR")):
        args.data_dir = tempfile.mkdtemp(prefix="mlprep-self-test-")
    args.data_dir = resolve_data_dir(args.data_dir)
    args.kata_paths = [Path(p).expanduser().resolve() for p in args.kata_path]
    if args.command:
        return args.handler(args)
    from desktop.ui.application import run_gui

    return run_gui(args)


if __name__ == "__main__":
    raise SystemExit(main())
