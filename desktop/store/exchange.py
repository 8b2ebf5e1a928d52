"""Export of everything the user created as one versioned JSON document, and its import."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.store.database import Store, StoreError
from desktop.store.migrations import latest_version

EXPORT_FORMAT = "mlprep-export"
EXPORT_VERSION = 1
# Tables that are derived or rebuilt (caches, search indexes), never exported.
NOT_EXPORTED_PREFIXES = ("_", "sqlite_")
NOT_EXPORTED_SUFFIXES = ("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")
NOT_EXPORTED = {"search_index", "render_cache"}


class ImportError_(StoreError):
    """An import file that cannot be taken; the database was not changed."""


def exported_tables(store: Store) -> list[str]:
    names = []
    for name in store.db.table_names():
        if name in NOT_EXPORTED or name.startswith(NOT_EXPORTED_PREFIXES):
            continue
        if name.endswith(NOT_EXPORTED_SUFFIXES) or "_fts" in name:
            continue
        names.append(name)
    return _dependency_order(store, sorted(names))


def _dependency_order(store: Store, names: list[str]) -> list[str]:
    """Parents before children (Kahn's algorithm), so inserts satisfy foreign keys."""
    remaining = {
        name: {fk.other_table for fk in store.db.table(name).foreign_keys} - {name}
        for name in names
    }
    ordered: list[str] = []
    while remaining:
        ready = sorted(name for name, deps in remaining.items() if not deps & remaining.keys())
        for name in ready or sorted(remaining):
            ordered.append(name)
            remaining.pop(name)
    return ordered


def export_document(store: Store, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or dt.datetime.now(dt.UTC)
    tables = {}
    for name in exported_tables(store):
        table = store.db.table(name)
        order = ", ".join(f"[{pk}]" for pk in table.pks) if table.pks else "rowid"
        tables[name] = list(table.rows_where(order_by=order))
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "schema_version": store.schema_version(),
        "app_version": __version__,
        "exported_at": now.isoformat(timespec="seconds"),
        "tables": tables,
    }


def export_json(store: Store, target: Path | None = None) -> str:
    text = json.dumps(export_document(store), indent=1, ensure_ascii=False, sort_keys=True)
    if target is not None:
        partial = Path(str(target) + ".partial")
        partial.write_text(text + "\n", encoding="utf-8")
        partial.replace(target)
    return text


def _problem(message: str) -> ImportError_:
    return ImportError_(f"{message} The database was not changed.")


def validate_document(store: Store, document: Any) -> dict[str, list[dict]]:
    """Check the document's shape against the current schema; return its tables."""
    if not isinstance(document, dict):
        raise _problem("This is not an MLPrep export: the top level is not a JSON object.")
    if document.get("format") != EXPORT_FORMAT:
        raise _problem("This is not an MLPrep export (the 'format' field is missing or wrong).")
    version = document.get("version")
    if not isinstance(version, int) or version > EXPORT_VERSION or version < 1:
        raise _problem(f"Export format version {version!r} is not supported by this MLPrep.")
    schema_version = document.get("schema_version")
    if not isinstance(schema_version, int) or schema_version > latest_version():
        raise _problem(
            f"The export comes from a newer MLPrep (schema {schema_version!r}, "
            f"this version knows {latest_version()})."
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise _problem("The export has no 'tables' object.")
    known = set(exported_tables(store))
    problems = []
    for name, rows in tables.items():
        if name not in known:
            problems.append(f"unknown table '{name}'")
            continue
        if not isinstance(rows, list):
            problems.append(f"table '{name}' is not a list of rows")
            continue
        columns = set(store.db.table(name).columns_dict)
        for index, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                problems.append(f"table '{name}' row {index} is not an object")
                continue
            extra = set(row) - columns
            if extra:
                problems.append(f"table '{name}' row {index} has unknown columns: {sorted(extra)}")
    if problems:
        shown = "; ".join(problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        raise _problem(f"The export does not fit this database: {shown}{more}.")
    return tables


def import_document(store: Store, document: Any) -> dict[str, int]:
    """Replace everything the user created with the document's contents, atomically."""
    tables = validate_document(store, document)
    counts = {}
    try:
        with store.transaction() as db:
            db.execute("PRAGMA defer_foreign_keys = ON")
            for name in reversed(exported_tables(store)):
                db.execute(f"DELETE FROM [{name}]")
            for name in exported_tables(store):
                rows = tables.get(name, [])
                if rows:
                    db.table(name).insert_all(rows, alter=False)
                counts[name] = len(rows)
    except sqlite3.Error as error:
        raise _problem(f"The rows could not be stored ({error}).") from error
    return counts


def import_json(store: Store, source: Path) -> dict[str, int]:
    try:
        text = Path(source).read_text(encoding="utf-8")
    except OSError as error:
        raise _problem(f"Could not read {source}: {error.strerror or error}.") from error
    except UnicodeDecodeError as error:
        raise _problem(f"{source} is not UTF-8 text.") from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _problem(
            f"{source} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from error
    return import_document(store, document)
