#!/usr/bin/env bash
# .venv-floor: the package with the LOWEST versions of its dependencies that pyproject.toml allows
# (scripts/floor_requirements.py), plus the test tools. scripts/test runs the window and host
# tests in it, so a floor that stops being true fails CI. Re-run when pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv-floor/bin/python ] || "$python" -m venv .venv-floor
.venv/bin/python scripts/floor_requirements.py > .venv-floor/floors.txt
.venv-floor/bin/python -m pip install -q --upgrade pip
.venv-floor/bin/python -m pip install -q -c .venv-floor/floors.txt -e ".[test]"
cp pyproject.toml .venv-floor/pyproject.stamp
echo "floor venv: $(.venv-floor/bin/python -c 'from importlib.metadata import version as v; print("PySide6", v("PySide6-Essentials"), "pyblish-base", v("pyblish-base"), "platformdirs", v("platformdirs"))')"
