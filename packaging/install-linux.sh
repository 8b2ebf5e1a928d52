#!/usr/bin/env bash
# Install the built one-folder app for the current user: ~/.local/opt/mlprep, a launcher in
# ~/.local/bin, the .desktop entry and the icon. Run after packaging/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x dist/mlprep/mlprep ] || { echo "Build first: bash packaging/build.sh" >&2; exit 1; }
prefix="${PREFIX:-$HOME/.local}"
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications" "$prefix/share/icons/hicolor/256x256/apps"
rm -rf "$prefix/opt/mlprep"
cp -a dist/mlprep "$prefix/opt/mlprep"
ln -sf "$prefix/opt/mlprep/mlprep" "$prefix/bin/mlprep"
cp resources/icons/mlprep.png "$prefix/share/icons/hicolor/256x256/apps/mlprep.png"
sed "s|^Exec=.*|Exec=$prefix/bin/mlprep|" packaging/mlprep.desktop > "$prefix/share/applications/mlprep.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/share/applications" || true
echo "Installed MLPrep to $prefix/opt/mlprep; run 'mlprep' or pick it from the applications menu."
