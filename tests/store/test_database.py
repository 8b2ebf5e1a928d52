import datetime as dt

import pytest

from desktop.session import open_session
from desktop.store.backup import (
    auto_backup,
    create_backup,
    list_backups,
    newest_good_backup,
    restore_backup,
)
from desktop.store.database import (
    CorruptDatabaseError,
    DiskFullError,
    open_store,
    quick_check,
)
from desktop.store.lock import DataInUseError, DataLock
from desktop.store.settings import get_setting, set_setting


def test_second_open_reuses_the_database(data_dir):
    first = open_session(data_dir, backup=False)
    set_setting(first.store, "name", "Ada")
    first.close()
    second = open_session(data_dir, backup=False)
    assert get_setting(second.store, "name") == "Ada"
    second.close()


def test_garbage_file_is_reported_as_corrupt_and_kept(tmp_path):
    path = tmp_path / "mlprep.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(CorruptDatabaseError) as raised:
        open_store(path)
    assert "damaged or unreadable" in str(raised.value)
    assert path.read_bytes().startswith(b"this is not sqlite")


def _damage(path):
    """Overwrite pages in the middle of a real database file."""
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page * 2, min(len(data), page * 6), 7):
        data[start] = (data[start] + 91) % 256
    path.write_bytes(bytes(data))


def test_damaged_pages_are_detected_and_newest_good_backup_restored(data_dir):
    session = open_session(data_dir, backup=False)
    with session.store.transaction() as db:
        db.table("notes").insert_all(
            {"topic": f"t{i}", "body": "x" * 500, "bookmarked": 0} for i in range(200)
        )
    backup = create_backup(session.store.conn, session.folder.backups)
    session.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    session.close()
    database = session.folder.database
    _damage(database)
    assert quick_check(database) != "ok"
    with pytest.raises(CorruptDatabaseError):
        open_store(database)

    assert newest_good_backup(session.folder.backups) == backup
    aside = restore_backup(database, backup)
    assert aside.exists(), "the damaged file must be kept aside"
    restored = open_store(database)
    assert restored.db.table("notes").count == 200
    restored.close()


def test_auto_backup_once_a_day_keeps_seven(data_dir):
    session = open_session(data_dir, backup=False)
    folder = session.folder.backups
    start = dt.datetime(2026, 3, 1, 9, 0)
    assert auto_backup(session.store.conn, folder, start) is not None
    assert auto_backup(session.store.conn, folder, start + dt.timedelta(hours=5)) is None
    for day in range(1, 10):
        auto_backup(session.store.conn, folder, start + dt.timedelta(days=day))
    backups = list_backups(folder)
    assert len(backups) == 7
    assert backups[0].name.startswith("mlprep-20260310")
    assert all(quick_check(b) == "ok" for b in backups)
    session.close()


def test_session_makes_backup_on_start(data_dir):
    session = open_session(data_dir)
    assert session.backup_made is not None and session.backup_made.exists()
    session.close()


def test_full_disk_gives_clear_error_and_writes_nothing(store):
    set_setting(store, "kept", 1)
    page_count = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {page_count + 1}")
    with pytest.raises(DiskFullError) as raised:
        with store.transaction() as db:
            db.table("notes").insert_all(
                {"topic": f"t{i}", "body": "y" * 2000, "bookmarked": 0} for i in range(100)
            )
    assert "disk is full" in str(raised.value)
    assert "Nothing you typed was lost" in str(raised.value)
    assert store.db.table("notes").count == 0
    assert get_setting(store, "kept") == 1


def test_second_writer_is_refused(data_dir):
    session = open_session(data_dir, backup=False)
    with pytest.raises(DataInUseError) as raised:
        open_session(data_dir, backup=False)
    assert "in use" in str(raised.value)
    session.close()
    with DataLock(data_dir):
        pass


def test_transactions_roll_back_on_error(store):
    with pytest.raises(ValueError):
        with store.transaction() as db:
            db.table("settings").insert({"key": "a", "value": "1"})
            raise ValueError("stop")
    assert store.db.table("settings").count == 0


def test_wal_and_foreign_keys(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
