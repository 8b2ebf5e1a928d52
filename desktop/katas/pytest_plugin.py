"""A pytest plugin giving a kata's tests their fixtures outside the app (authoring, benchmarks).

    MLPREP_KATA_CODE=path/to/code.py MLPREP_KATA_DEVICE=cpu \\
        python -m pytest content/katas/<slug>/test_kata.py -p desktop.katas.pytest_plugin

``MLPREP_KATA_CODE`` defaults to the ``solution.py`` next to the test file and
``MLPREP_KATA_DEVICE`` to ``cpu``. The app itself does not use this: its worker runs
``desktop.katas.harness.run_tests`` in a warm interpreter.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from pathlib import Path

import pytest

CODE_ENV = "MLPREP_KATA_CODE"
DEVICE_ENV = "MLPREP_KATA_DEVICE"


def _load(path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("submission", path)
    if spec is None or spec.loader is None:
        raise pytest.UsageError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["submission"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def submission(request: pytest.FixtureRequest) -> types.ModuleType:
    configured = os.environ.get(CODE_ENV)
    path = Path(configured) if configured else Path(request.path).parent / "solution.py"
    if not path.is_file():
        raise pytest.UsageError(f"{CODE_ENV}={path} is not a file")
    return _load(path)


@pytest.fixture(scope="session")  # not function-scoped: Hypothesis tests use it too
def device() -> str:
    return os.environ.get(DEVICE_ENV, "cpu")
