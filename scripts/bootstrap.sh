#!/usr/bin/env bash
# Set up a fresh machine: system libraries Qt needs, a venv in .venv, the package installed.
#   bash scripts/bootstrap.sh          runtime only (to run the app)
#   bash scripts/bootstrap.sh --test   plus what the test suite needs (Xvfb, xdotool, ...)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# Qt 6 (PySide6 wheels) needs these on a bare Debian/Ubuntu; fonts so text renders.
packages=(python3-venv libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
          libfreetype6 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
          libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
          libxcb-xfixes0 libxcb-xkb1 libx11-xcb1 fonts-dejavu-core)
if [ "$want_test" = 1 ]; then
  packages+=(xvfb xauth xdotool x11-utils imagemagick desktop-file-utils trayer blender chromium openbox dbus dunst)
fi

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "bootstrap: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "bootstrap: no apt-get here; install Qt's system libraries yourself if the app cannot start" >&2
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "$want_test" = 1 ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
if [ "$want_test" = 1 ]; then
  bash scripts/floor_venv.sh  # .venv-floor: the lowest allowed dependency versions, for scripts/test
fi
echo "bootstrap: ready ($(.venv/bin/python -c 'import PySide6, pyblish; print("PySide6", PySide6.__version__, "pyblish", pyblish.__version__)'))"
# bpy 5.x leg (tests/integrations/test_bpy_leg.py): PyPI's bpy in a Python 3.13 venv, cached in
# ~/.cache/pyblish-qml/bpy-venv (reused by reruns); without a 3.13 it says so and the leg skips.
if [ "$want_test" = 1 ]; then
  .venv/bin/python tests/integrations/bpy_venv.py || echo "bootstrap: no bpy venv; the bpy leg makes it or skips" >&2
fi
