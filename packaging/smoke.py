"""Smoke test of the built app: self-test, a kata run through the bundled worker, a kata run
through a user-chosen Python (the way a user with their own CUDA torch runs katas), and check.

    python packaging/smoke.py [BINARY] [--python PATH]

``--python`` defaults to the interpreter running this script (it needs torch, numpy and
pytest); ``--python none`` skips that step.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(binary: Path, *args: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    with tempfile.TemporaryDirectory() as data:
        command = [str(binary), "--data-dir", data, *args]
        print("$", " ".join(command), flush=True)
        result = subprocess.run(command, env=env, timeout=600, capture_output=True, text=True)
        print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
        if result.returncode != 0:
            raise SystemExit(f"FAILED ({result.returncode}): {' '.join(args)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", nargs="?", type=Path, default=ROOT / "dist" / "mlprep" / "mlprep")
    parser.add_argument("--python", default=sys.executable, help="a Python with torch, or none")
    options = parser.parse_args()
    binary = options.binary
    if not binary.exists():
        raise SystemExit(f"{binary} not found: build it first with packaging/build.sh")
    solution = ROOT / "content" / "katas" / "scaled-dot-product-attention" / "solution.py"
    run(binary, "--self-test")
    run(binary, "kata", "test", "scaled-dot-product-attention", "--solution", str(solution))
    if options.python != "none":
        run(
            binary,
            *("kata", "test", "scaled-dot-product-attention", "--solution", str(solution)),
            *("--python", options.python),
        )
    run(binary, "check")
    print("smoke test passed")


if __name__ == "__main__":
    main()
