"""SQLite through sqlite-utils: schema, migrations, backups, one module per table family."""

import sys


def import_sqlite_utils_without_numpy() -> None:
    """sqlite-utils imports numpy and pandas when present, only to accept their scalar types.

    The store never receives such values, and numpy alone costs about a quarter of a second
    of the window's start, so hide both while sqlite-utils loads (later imports still work).
    Called on first use of sqlite-utils, not at import: an up-to-date database opens with
    the standard sqlite3 module alone, before the first paint.
    """
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # makes `import name` raise ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            sys.modules.pop(name, None)
