"""Smoke test of the built app: self-test, a kata run through the bundled worker, and check."""

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
    binary = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "mlprep" / "mlprep"
    if not binary.exists():
        raise SystemExit(f"{binary} not found: build it first with packaging/build.sh")
    solution = ROOT / "content" / "katas" / "scaled-dot-product-attention" / "solution.py"
    run(binary, "--self-test")
    run(binary, "kata", "test", "scaled-dot-product-attention", "--solution", str(solution))
    run(binary, "check")
    print("smoke test passed")


if __name__ == "__main__":
    main()
