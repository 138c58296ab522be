#!/usr/bin/env bash
# Build a standalone Linux bundle (no Python needed where it runs) with Nuitka, the compiler
# behind pyside6-deploy. Needs gcc and patchelf (apt-get install patchelf); takes ~7 minutes on
# 2 cores. Result: build/bundle/bundle_main.dist/pyblish-qml (about 200 MB); copy the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
python=.venv/bin/python
"$python" -m pip install -q nuitka
pyblish_dir=$("$python" -c "import os, pyblish; print(os.path.dirname(pyblish.__file__))")
plugin_files=()
for file in pyblish_qml/demo/plugins/*.py; do
  plugin_files+=("--include-data-files=$file=pyblish_qml/demo/plugins/$(basename "$file")")
done
for file in "$pyblish_dir"/plugins/*.py; do
  plugin_files+=("--include-data-files=$file=pyblish/plugins/$(basename "$file")")
done
"$python" -m nuitka packaging/bundle_main.py --standalone --assume-yes-for-downloads --follow-imports \
  --enable-plugin=pyside6 --include-qt-plugins=qml --include-package=pyblish_qml --include-package=pyblish \
  --include-data-dir=qml=pyblish_qml/qml --include-data-dir=icons=pyblish_qml/icons \
  --include-data-dir=packaging=pyblish_qml/packaging "${plugin_files[@]}" \
  --noinclude-qt-translations --output-dir=build/bundle --output-filename=pyblish-qml
echo "bundle: build/bundle/bundle_main.dist/pyblish-qml"
