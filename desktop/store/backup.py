"""Backups of the database (SQLite online backup API) and restoring from them."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from desktop.store.database import quick_check

BACKUP_PREFIX = "mlprep-"
BACKUP_SUFFIX = ".db"
KEEP_BACKUPS = 7


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "backups"


def list_backups(folder: Path) -> list[Path]:
    """Backups in ``folder``, newest first."""
    if not folder.exists():
        return []
    found = [p for p in folder.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def create_backup(
    conn: sqlite3.Connection,
    folder: Path,
    *,
    now: dt.datetime | None = None,
    keep: int = KEEP_BACKUPS,
    progress=None,
) -> Path:
    """Copy the live database into ``folder`` with the online backup API; prune old copies."""
    now = now or dt.datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{BACKUP_PREFIX}{stamp}{BACKUP_SUFFIX}"
    counter = 1
    while target.exists():
        target = folder / f"{BACKUP_PREFIX}{stamp}-{counter}{BACKUP_SUFFIX}"
        counter += 1
    partial = target.with_suffix(".partial")
    dest = sqlite3.connect(str(partial))
    try:
        conn.backup(dest, pages=256, progress=progress)
    finally:
        dest.close()
    partial.replace(target)
    for old in list_backups(folder)[keep:]:
        old.unlink(missing_ok=True)
    return target


def backup_due(folder: Path, now: dt.datetime | None = None) -> bool:
    """True when no backup was made today (automatic backups run at most once a day)."""
    now = now or dt.datetime.now()
    newest = next(iter(list_backups(folder)), None)
    if newest is None:
        return True
    return not newest.name.startswith(f"{BACKUP_PREFIX}{now.strftime('%Y%m%d')}")


def auto_backup(
    conn: sqlite3.Connection, folder: Path, now: dt.datetime | None = None
) -> Path | None:
    if not backup_due(folder, now):
        return None
    return create_backup(conn, folder, now=now)


def newest_good_backup(folder: Path) -> Path | None:
    for candidate in list_backups(folder):
        if quick_check(candidate) == "ok":
            return candidate
    return None


def restore_backup(database: Path, backup: Path, *, now: dt.datetime | None = None) -> Path:
    """Put ``backup`` in place of ``database``; the old file is kept aside, never deleted.

    Returns the path the damaged file was moved to.
    """
    now = now or dt.datetime.now()
    aside = database.with_name(f"{database.name}.damaged-{now.strftime('%Y%m%d-%H%M%S')}")
    counter = 1
    while aside.exists():
        aside = database.with_name(f"{aside.name}-{counter}")
        counter += 1
    if database.exists():
        database.replace(aside)
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            companion.replace(aside.with_name(aside.name + suffix))
    shutil.copy2(backup, database.with_suffix(".restoring"))
    database.with_suffix(".restoring").replace(database)
    return aside
