"""Startup time: process start to first painted main window, MLPrep vs a bare QMainWindow.

Run: .venv/bin/python bench/startup.py [--runs N]. Budget: MLPrep at most 2.5x the bare window.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = ROOT / "bench" / "startup_probe.py"


def time_once(kind: str, data_dir: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(PROBE), kind, data_dir], stdout=subprocess.PIPE, text=True, env=env
    )
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait()
    if line.strip() != "painted":
        raise SystemExit(f"{kind} window never painted")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="mlprep-bench-")
    time_once("app", data_dir)  # first start creates the database; measure warm starts
    bare, app = [], []
    for _ in range(args.runs):
        bare.append(time_once("bare", data_dir))
        app.append(time_once("app", data_dir))
    bare_ms = statistics.median(bare) * 1000
    app_ms = statistics.median(app) * 1000
    ratio = app_ms / bare_ms
    print(f"bare QMainWindow, start to first paint: {bare_ms:7.1f} ms (median of {args.runs})")
    print(f"MLPrep main window, start to first paint: {app_ms:7.1f} ms (median of {args.runs})")
    print(f"ratio: {ratio:.2f}x (budget 2.5x) -> {'OK' if ratio <= 2.5 else 'OVER BUDGET'}")


if __name__ == "__main__":
    main()
