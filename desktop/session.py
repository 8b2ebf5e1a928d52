"""Opening the user's data folder: lock, database, automatic backup, logs. Shared by GUI and CLI."""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
from dataclasses import dataclass, field
from pathlib import Path

from desktop.paths import DATABASE_NAME
from desktop.store.backup import auto_backup, backups_dir
from desktop.store.database import Store, open_store
from desktop.store.lock import DataLock

log = logging.getLogger("mlprep")


@dataclass
class DataFolder:
    path: Path

    @property
    def database(self) -> Path:
        return self.path / DATABASE_NAME

    @property
    def backups(self) -> Path:
        return backups_dir(self.path)

    @property
    def logs(self) -> Path:
        return self.path / "logs"

    @property
    def settings_file(self) -> Path:
        return self.path / "window.ini"


@dataclass
class Session:
    folder: DataFolder
    store: Store
    lock: DataLock | None = None
    backup_made: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.store.close()
        if self.lock is not None:
            self.lock.release()


def setup_logging(folder: DataFolder) -> Path:
    """A rotating log file in the data folder; returns its path."""
    folder.logs.mkdir(parents=True, exist_ok=True)
    path = folder.logs / "mlprep.log"
    root = logging.getLogger("mlprep")
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


def open_session(
    data_dir: Path,
    *,
    lock: bool = True,
    backup: bool = True,
    now: dt.datetime | None = None,
) -> Session:
    """Open the data folder for writing. Raises DataInUseError, CorruptDatabaseError,
    NewerDatabaseError; in each case nothing in the folder has been modified."""
    folder = DataFolder(Path(data_dir))
    folder.path.mkdir(parents=True, exist_ok=True)
    data_lock = DataLock(folder.path) if lock else None
    if data_lock is not None:
        data_lock.acquire()
    try:
        store = open_store(folder.database)
    except BaseException:
        if data_lock is not None:
            data_lock.release()
        raise
    session = Session(folder=folder, store=store, lock=data_lock)
    if backup:
        try:
            session.backup_made = auto_backup(store.conn, folder.backups, now)
        except OSError as error:
            message = f"Automatic backup failed: {error}"
            log.warning(message)
            session.warnings.append(message)
    return session
