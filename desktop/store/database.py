"""Opening, checking and upgrading the one SQLite file that holds everything the user makes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store.version import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database


class StoreError(Exception):
    """A problem with the database that the user can understand and act on."""


class CorruptDatabaseError(StoreError):
    def __init__(self, path: Path, detail: str):
        self.path = path
        self.detail = detail
        super().__init__(
            f"The database {path} is damaged or unreadable ({detail}). "
            "MLPrep can restore the newest good backup; the damaged file will be kept aside."
        )


class NewerDatabaseError(StoreError):
    def __init__(self, path: Path, unknown: list[str]):
        self.path = path
        self.unknown = unknown
        super().__init__(
            f"The database {path} was written by a newer version of MLPrep "
            f"(it has schema changes this version does not know: {', '.join(unknown)}). "
            "Install the newer MLPrep to open it; this version will not touch it."
        )


class DiskFullError(StoreError):
    def __init__(self):
        super().__init__(
            "The disk is full, so MLPrep could not save. Nothing you typed was lost: "
            "free some space and save again."
        )


def now_iso() -> str:
    """The local time to the second, as every store module stamps its rows."""
    return dt.datetime.now().isoformat(timespec="seconds")


@dataclass
class CheckReport:
    path: Path
    integrity: str
    schema_version: int
    latest_version: int
    size_bytes: int


def _translate(error: sqlite3.Error) -> StoreError | sqlite3.Error:
    text = str(error).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFullError()
    return error


class Store:
    """The open database. Every write goes through here, in a transaction."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        """The sqlite-utils view of the connection, made on first use (keeps start-up fast)."""
        if self._db is None:
            from desktop.store import import_sqlite_utils_without_numpy

            import_sqlite_utils_without_numpy()
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic unit of work; a full disk becomes DiskFullError and nothing is written."""
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.Error as error:
            translated = _translate(error)
            if translated is error:
                raise
            raise translated from error

    def schema_version(self) -> int:
        return len(applied_names(self.conn))

    def check(self) -> CheckReport:
        integrity = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
        return CheckReport(
            path=self.path,
            integrity=integrity,
            schema_version=self.schema_version(),
            latest_version=SCHEMA_VERSION,
            size_bytes=self.path.stat().st_size if self.path.exists() else 0,
        )

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass
        self.conn.close()


MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "mlprep"


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database, in the order they were applied."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        f"SELECT name FROM [{MIGRATIONS_TABLE}] WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [row[0] for row in rows]


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=5.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def quick_check(path: Path) -> str:
    """'ok', or what SQLite says is wrong with the file (including 'not a database')."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as error:
        return str(error)
    result = "; ".join(str(row[0]) for row in rows)
    return result or "no result"


def open_store(path: Path, *, upgrade: bool = True) -> Store:
    """Open (creating if needed) the database at ``path``, check it and bring it up to date.

    Raises CorruptDatabaseError for a damaged file and NewerDatabaseError for a file from a
    newer app version; neither case modifies the file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > 0:
        status = quick_check(path)
        if status != "ok":
            raise CorruptDatabaseError(path, status)
    conn = _connect(path)
    store = Store(path, conn)
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"Could not switch {path} to WAL journaling (got {mode}).")
        conn.execute("PRAGMA synchronous = NORMAL")
        applied = applied_names(conn)
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        # Fast path: an up-to-date database needs neither the migration code nor sqlite-utils.
        if not (user_version == SCHEMA_VERSION and len(applied) == SCHEMA_VERSION):
            from desktop.store import migrations as schema

            known = set(schema.known_names())
            unknown = [name for name in applied if name not in known]
            if unknown or user_version > SCHEMA_VERSION:
                raise NewerDatabaseError(path, unknown or [f"schema version {user_version}"])
            if upgrade:
                schema.migrations.apply(store.db)
                conn.execute(f"PRAGMA user_version = {schema.latest_version()}")
    except sqlite3.DatabaseError as error:
        conn.close()
        translated = _translate(error)
        if isinstance(translated, StoreError):
            raise translated from error
        raise CorruptDatabaseError(path, str(error)) from error
    except BaseException:
        conn.close()
        raise
    return store
