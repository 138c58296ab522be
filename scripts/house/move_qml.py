"""Move the QML files of the ``Pyblish`` module into feature folders (issue 19's house step).

    python scripts/house/move_qml.py scripts/house/qml_folders.txt

Each line of the spec is ``folder: Type Type ...``. The script ``git mv``s ``qml/Pyblish/Type.qml``
to ``qml/Pyblish/folder/Type.qml``, points the type's ``qmldir`` entry there, and adds
``import Pyblish`` to the moved file: a file in a subfolder sees only its own folder implicitly,
so it reaches the rest of the module (and the Python types) through the module's import. Type
names do not change; ``Theme`` (a singleton that uses no other type) gets no import, which qmllint
would call unused. Files already moved are skipped.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SELF_CONTAINED = {"Theme"}
MODULE = Path(__file__).resolve().parents[2] / "qml" / "Pyblish"


def read_spec(path: Path) -> dict[str, str]:
    folders = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            folder, types = line.split(":", 1)
            folders.update({name: folder.strip() for name in types.split()})
    return folders


def add_module_import(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if any(line.strip() == "import Pyblish" for line in lines):
        return
    last_import = max(index for index, line in enumerate(lines) if line.startswith("import "))
    lines.insert(last_import + 1, "import Pyblish\n")
    path.write_text("".join(lines), encoding="utf-8")


def main(spec: str) -> None:
    folders = read_spec(Path(spec))
    qmldir = MODULE / "qmldir"
    text = qmldir.read_text(encoding="utf-8")
    for name, folder in folders.items():
        source, target = MODULE / f"{name}.qml", MODULE / folder / f"{name}.qml"
        if source.exists():
            target.parent.mkdir(exist_ok=True)
            subprocess.run(["git", "mv", str(source), str(target)], check=True, cwd=MODULE)
        if name not in SELF_CONTAINED:
            add_module_import(target)
        text = re.sub(rf"^((?:singleton )?{name} \S+ )\S+$", rf"\g<1>{folder}/{name}.qml", text, flags=re.M)
    qmldir.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
