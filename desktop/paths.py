"""Where MLPrep finds its shipped files and keeps the user's data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "MLPrep"
DATA_DIR_ENV = "MLPREP_DATA_DIR"
DATABASE_NAME = "mlprep.db"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def app_root() -> Path:
    """The folder that holds content/ and resources/: the repo, or the frozen bundle."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def content_root() -> Path:
    return app_root() / "content"


def resources_root() -> Path:
    return app_root() / "resources"


def default_data_dir() -> Path:
    """The platform's per-user data folder, unless MLPREP_DATA_DIR says otherwise."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """--data-dir beats MLPREP_DATA_DIR beats the platform default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    return default_data_dir().resolve()
