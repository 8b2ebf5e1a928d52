import sqlite3

import pytest
from sqlite_utils import Database, Migrations

from desktop.store import migrations as schema
from desktop.store.database import NewerDatabaseError, open_store


def _schema_of(path):
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations' ORDER BY name"
        ).fetchall()
    finally:
        conn.close()
    return rows


def test_fresh_database_has_every_migration(tmp_path):
    store = open_store(tmp_path / "a.db")
    assert store.schema_version() == schema.latest_version()
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()


@pytest.mark.parametrize("version", range(schema.latest_version()))
def test_every_earlier_version_upgrades_to_the_same_schema(tmp_path, version):
    fresh = tmp_path / "fresh.db"
    open_store(fresh).close()

    old = tmp_path / "old.db"
    db = Database(old)
    names = schema.known_names()
    stop = names[version] if version < len(names) else None
    schema.migrations.apply(db, stop_before=stop)
    assert len(schema.migrations.applied(db)) == version
    db.close()

    upgraded = open_store(old)
    assert upgraded.schema_version() == schema.latest_version()
    upgraded.close()
    assert _schema_of(old) == _schema_of(fresh)


def test_user_data_survives_upgrade(tmp_path):
    path = tmp_path / "old.db"
    db = Database(path)
    schema.migrations.apply(db, stop_before=schema.known_names()[1])
    db.table("settings").insert({"key": "theme", "value": '"dark"'})
    db.close()
    store = open_store(path)
    assert store.db.table("settings").get("theme")["value"] == '"dark"'
    store.close()


def test_failing_migration_leaves_schema_unchanged(tmp_path):
    path = tmp_path / "a.db"
    open_store(path).close()
    before = _schema_of(path)

    broken = Migrations("mlprep")
    broken._migrations = list(schema.migrations._migrations)

    @broken()
    def m999_half_done(db):
        db.table("half").create({"id": int}, pk="id")
        db.table("settings").add_column("extra", str)
        raise RuntimeError("boom halfway")

    db = Database(path)
    with pytest.raises(RuntimeError):
        broken.apply(db)
    assert "m999_half_done" not in [m.name for m in broken.applied(db)]
    db.close()
    assert _schema_of(path) == before


def test_database_from_newer_app_is_refused_and_untouched(tmp_path):
    path = tmp_path / "a.db"
    store = open_store(path)
    store.db.table("_sqlite_migrations").insert(
        {"migration_set": "mlprep", "name": "m900_from_the_future", "applied_at": "2030"}
    )
    store.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError) as raised:
        open_store(path)
    assert "newer version" in str(raised.value)
    assert "m900_from_the_future" in str(raised.value)
    assert path.read_bytes() == before


def test_schema_version_constant_matches_migrations():
    from desktop.store.version import SCHEMA_VERSION

    assert SCHEMA_VERSION == schema.latest_version(), "bump desktop/store/version.py"


def test_user_version_from_newer_app_is_refused(tmp_path):
    path = tmp_path / "a.db"
    store = open_store(path)
    store.conn.execute("PRAGMA user_version = 99")
    store.close()
    with pytest.raises(NewerDatabaseError):
        open_store(path)
