"""Write the ``.qmltypes`` file that tells QML tooling about the Python types of the Pyblish module.

qmllint checks QML against type information; the Python classes registered with
``@QmlElement`` exist only at run time. As Qt for Python's own project tool does, this runs
``pyside6-metaobjectdump`` over the sources and ``pyside6-qmltyperegistrar`` over its output,
with two additions metaobjectdump lacks: enums declared with ``@QEnum`` (read from the source
here) and every property marked final (Python subclasses never shadow them), so compiled
bindings need not guard against shadowing. Tooling only: the app never reads the file.

    python -m pyblish_qml.qmltypes [--check]
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import PySide6

PACKAGE = Path(__file__).resolve().parent
# Every module that registers a QML type; models.py first: a class is dumped only after its base.
SOURCES = sorted((path for path in (PACKAGE / "app").rglob("*.py")
                  if "@QmlElement" in path.read_text(encoding="utf-8")),
                 key=lambda path: (path.name != "models.py", path.name))
OUTPUT = PACKAGE.parent / "qml" / "Pyblish" / "pyblish.qmltypes"
IMPORT_NAME = "Pyblish"


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _read_source(source: Path) -> tuple[dict[str, list[dict]], dict[str, set[str]]]:
    """Per class: the ``@QEnum`` classes nested in it (member names in order), and the names of
    its ``Property(..., constant=True)`` (metaobjectdump drops the flag)."""
    enums: dict[str, list[dict]] = {}
    constants: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ClassDef):
            continue
        for inner in node.body:
            if isinstance(inner, ast.ClassDef) and any(getattr(d, "id", None) == "QEnum" for d in inner.decorator_list):
                values = [t.targets[0].id for t in inner.body if isinstance(t, ast.Assign)]
                enums.setdefault(node.name, []).append({"name": inner.name, "isClass": False, "isFlag": False,
                                                        "values": values})
            if isinstance(inner, ast.FunctionDef):
                for decorator in inner.decorator_list:
                    if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", None) == "Property" and any(
                            k.arg == "constant" and getattr(k.value, "value", False) is True
                            for k in decorator.keywords):
                        constants.setdefault(node.name, set()).add(inner.name)
    return enums, constants


def metatypes(sources: list[Path]) -> list[dict]:
    dump = subprocess.run([_tool("pyside6-metaobjectdump"), "--quiet", *map(str, sources)],
                          capture_output=True, text=True, check=True).stdout
    entries = json.loads(dump)
    for entry in entries:
        source = Path(entry["inputFile"])
        entry["inputFile"] = source.relative_to(PACKAGE.parent).as_posix()  # no machine's paths in the output
        enums, constants = _read_source(source)
        entry["classes"] = [c for c in entry["classes"] if c.get("object")]  # the enums' own stubs go
        for cls in entry["classes"]:
            if cls["className"] in enums:
                cls["enums"] = enums[cls["className"]]
            for prop in cls.get("properties", []):
                prop["type"] = prop["type"].replace(".", "::")  # RunState.State -> C++ spelling
                prop["final"] = True
                if prop["name"] in constants.get(cls["className"], ()):
                    prop["constant"] = True
    return entries


def generate() -> str:
    qt_metatypes = Path(PySide6.__file__).parent / "Qt" / "metatypes"
    with tempfile.TemporaryDirectory() as folder:
        meta = Path(folder) / "pyblish_metatypes.json"
        out = Path(folder) / "pyblish.qmltypes"
        meta.write_text(json.dumps(metatypes(SOURCES)), encoding="utf-8")
        subprocess.run([_tool("pyside6-qmltyperegistrar"), str(meta), "--import-name", IMPORT_NAME,
                        "--major-version", "1", "--minor-version", "0", "--generate-qmltypes", str(out),
                        "--foreign-types", ",".join(sorted(map(str, qt_metatypes.glob("qt6*_metatypes.json")))),
                        "-o", str(Path(folder) / "registrations.cpp")], check=True, capture_output=True)
        return out.read_text(encoding="utf-8")


def main(argv: list[str]) -> int:
    text = generate()
    if "--check" in argv:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            print("%s is stale: run scripts/qmltypes" % OUTPUT, file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print("wrote %s" % OUTPUT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
