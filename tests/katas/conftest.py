"""Fixtures for the kata tests: runners with fresh workers, and the fixture katas."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from kata_helpers import DATA, GOLDEN, LIGHT_PRELOAD

from desktop.katas.catalog import Kata, load_kata
from desktop.katas.runner import KataRunner

# Kata folders here hold test_kata.py files that only the harness runs, with its fixtures.
collect_ignore_glob = ["data/*", "golden/*"]


@pytest.fixture(scope="session")
def light_runner() -> Iterator[KataRunner]:
    runner = KataRunner(preload=LIGHT_PRELOAD)
    runner.prestart()
    yield runner
    runner.close()


@pytest.fixture(scope="session")
def full_runner() -> Iterator[KataRunner]:
    """A runner as the app makes it: spares with torch imported."""
    runner = KataRunner()
    runner.prestart()
    yield runner
    runner.close()


@pytest.fixture(scope="session")
def add_kata() -> Kata:
    return load_kata(DATA / "add-numbers")


@pytest.fixture(scope="session")
def normalize_kata() -> Kata:
    return load_kata(GOLDEN / "normalize-rows")
