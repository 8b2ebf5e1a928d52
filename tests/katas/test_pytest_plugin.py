"""desktop.katas.pytest_plugin: a kata's tests under plain `python -m pytest` (bench (b))."""

from __future__ import annotations

import shutil
import subprocess
import sys

from kata_helpers import DATA, GOLDEN

from desktop.katas.runner import worker_environment


def run_pytest(kata_dir, code_file, tmp_path):
    env = worker_environment()
    env["MLPREP_KATA_CODE"] = str(code_file)
    env["MLPREP_KATA_DEVICE"] = "cpu"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "desktop.katas.pytest_plugin",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            "-c",
            "/dev/null",
            str(kata_dir / "test_kata.py"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )


def test_plugin_provides_submission_and_device(tmp_path):
    kata = shutil.copytree(GOLDEN / "normalize-rows", tmp_path / "normalize-rows")
    completed = run_pytest(kata, kata / "solution.py", tmp_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "3 passed" in completed.stdout


def test_plugin_runs_other_code(tmp_path):
    kata = shutil.copytree(DATA / "add-numbers", tmp_path / "add-numbers")
    completed = run_pytest(kata, kata / "wrong" / "subtracts.py", tmp_path)
    assert completed.returncode == 1
    assert "2 failed" in completed.stdout
