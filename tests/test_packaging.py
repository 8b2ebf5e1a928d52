"""The installed build works, not just the source tree (slow: run with --run-slow)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_build_and_smoke_the_one_folder_app():
    build = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], cwd=ROOT, timeout=3600)
    assert build.returncode == 0
    smoke = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "smoke.py")],
        cwd=ROOT,
        timeout=1800,
        capture_output=True,
        text=True,
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke test passed" in smoke.stdout
