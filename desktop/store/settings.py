"""User settings kept in the database (values stored as JSON)."""

from __future__ import annotations

import json
from typing import Any

from desktop.store.database import Store


def get_setting(store: Store, key: str, default: Any = None) -> Any:
    rows = list(store.db.query("SELECT value FROM settings WHERE key = ?", [key]))
    if not rows:
        return default
    try:
        return json.loads(rows[0]["value"])
    except (TypeError, json.JSONDecodeError):
        return default


def set_setting(store: Store, key: str, value: Any) -> None:
    with store.transaction() as db:
        db.table("settings").upsert({"key": key, "value": json.dumps(value)}, pk="key")
