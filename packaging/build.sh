#!/usr/bin/env bash
# One command: build the one-folder app into dist/mlprep and print its size by component.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh package
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/mlprep.spec
.venv/bin/python packaging/sizes.py dist/mlprep
