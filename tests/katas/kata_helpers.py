"""Helpers shared by the kata tests (a plain module: conftest names collide across folders)."""

from __future__ import annotations

import time
from pathlib import Path

from desktop.katas.catalog import Kata
from desktop.katas.runner import KataRunner

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
GOLDEN = HERE / "golden"
REPO = HERE.parent.parent

# Workers for tests of the runner's mechanics skip torch: they start in well under a second
# instead of several, and the faults under test do not depend on what is preloaded.
LIGHT_PRELOAD = ("numpy", "pytest", "hypothesis", "desktop.katas.harness", "desktop.katas.checks")

ADD = "def add(a, b):\n    return a + b\n"


def assert_next_run_passes(runner: KataRunner, kata: Kata) -> None:
    """After any fault, the very next run must work."""
    result = runner.run(kata, ADD)
    assert result.status == "passed", result.message
    assert [t.outcome for t in result.tests] == ["passed", "passed"]


def process_gone(pid: int) -> bool:
    """True once ``pid`` no longer exists or is a zombie nobody has reaped yet."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            data = stat.read()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    state = data[data.rfind(b")") + 2 :].split()[0]
    return state in (b"Z", b"X")


def wait_until_gone(pids: list[int], within_s: float) -> list[int]:
    """Poll (bounded) until every pid is gone; return those still alive at the deadline."""
    deadline = time.monotonic() + within_s
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if not process_gone(pid)]
        if alive:
            time.sleep(0.02)
    return [pid for pid in alive if not process_gone(pid)]
