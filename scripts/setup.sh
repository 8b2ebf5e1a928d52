#!/usr/bin/env bash
# Creates .venv with the pinned, tested versions (constraints.txt) and checks Qt's system libraries.
# Used by `make run` and `make test`; safe to run again (it only reinstalls when inputs changed).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV=.venv
EXTRAS="${1:-test}"

need_root_or_say() {
    # $1: human description, rest: Debian packages
    local what="$1"; shift
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing $what: $*"
        apt-get update -qq >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    else
        echo "MLPrep needs $what. On Debian/Ubuntu run:" >&2
        echo "    sudo apt-get install $*" >&2
        exit 1
    fi
}

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "MLPrep needs Python 3.11 or newer ($PYTHON not found)." >&2; exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "MLPrep needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)." >&2; exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        need_root_or_say "Python's venv module" python3-venv
    fi
    "$PYTHON" -m venv "$VENV"
fi

stamp="$VENV/.stamp-$EXTRAS-$(cat pyproject.toml constraints.txt | sha1sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    # torch==2.13.0 is pinned in constraints.txt: its CPU build installs without CUDA packages.
    "$VENV/bin/python" -m pip install -q -c constraints.txt -e ".[$EXTRAS]"
    rm -f "$VENV"/.stamp-"$EXTRAS"-*
    touch "$stamp"
fi

# Qt needs a few system libraries even offscreen (fontconfig, EGL/GL, xkbcommon).
if ! QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -c \
    'from PySide6.QtWidgets import QApplication; QApplication([])' >/dev/null 2>&1; then
    need_root_or_say "Qt's system libraries" libgl1 libegl1 libfontconfig1 libxkbcommon0 \
        libglib2.0-0 libdbus-1-3
fi
# On a desktop session the xcb platform plugin needs its X libraries too.
if [ -n "${DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    plugin=$("$VENV/bin/python" -c 'import PySide6, os; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt/plugins/platforms/libqxcb.so"))')
    if [ -f "$plugin" ] && ldd "$plugin" | grep -q "not found"; then
        need_root_or_say "Qt's X11 libraries" libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
            libxkbcommon-x11-0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 \
            libxcb-image0 libxcb-shape0
    fi
fi
