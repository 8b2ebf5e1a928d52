"""Shared fixtures: every test gets its own data folder and a real SQLite store."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("MLPREP_DATA_DIR", None)
# A window in a test never opens the first-start profile questions by itself
# (tests/ui/test_first_start.py turns them back on).
os.environ["MLPREP_FIRST_START"] = "off"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from desktop.session import open_session  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", help="also run tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def session(data_dir: Path):
    opened = open_session(data_dir, backup=False)
    yield opened
    opened.close()


@pytest.fixture
def store(session):
    return session.store


# The suite runs on small, busy CI machines: no per-example deadlines or slowness checks,
# and a fixed seed so a run is reproducible.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "mlprep-tests",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("mlprep-tests")
