"""Move Python modules and rewrite every import of them (issue 19's house step).

    .venv/bin/python scripts/house/move_modules.py scripts/house/modules.txt

``modules.txt`` holds one ``old.dotted.name -> new.dotted.name`` per line. The script ``git mv``s
each file (so ``git log --follow`` keeps its history), then rewrites the imports of every Python
file under ``pyblish_qml/``, ``tests/`` and ``scripts/``: relative imports are resolved from the
file's old place and re-made relative to its new place; absolute ``pyblish_qml...`` imports and
dotted names in strings and docstrings are mapped. An open branch re-runs the script on its own
tree (before its own moves) instead of hand-merging them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FROM_IMPORT = re.compile(r"^(?P<indent>\s*)from\s+(?P<dots>\.*)(?P<module>[\w.]*)\s+import\s+(?P<names>.*)$")


def read_moves(path: Path) -> dict[str, str]:
    moves = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            old, new = (part.strip() for part in line.split("->"))
            moves[old] = new
    return moves


def module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def file_of(module: str) -> Path:
    base = ROOT.joinpath(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def resolve(package: str, dots: str, module: str) -> str:
    base = package.split(".")
    if len(dots) > 1:
        base = base[: len(base) - (len(dots) - 1)]
    return ".".join(base + ([module] if module else []))


def relative(from_package: str, target: str) -> tuple[str, str]:
    """(dots, rest) that name ``target`` from inside ``from_package``."""
    here = from_package.split(".")
    there = target.split(".")
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    dots = "." * (len(here) - common + 1)
    return dots, ".".join(there[common:])


def map_name(name: str, moves: dict[str, str]) -> str:
    for old in sorted(moves, key=len, reverse=True):
        if name == old or name.startswith(old + "."):
            return moves[old] + name[len(old):]
    return name


def rewrite_from_line(match: re.Match, package_old: str, package_new: str, moves: dict[str, str],
                      known: set[str]) -> list[str]:
    indent, dots, module, names = match["indent"], match["dots"], match["module"], match["names"]
    if not dots and not module.startswith("pyblish_qml"):
        return [match.group(0)]
    target_old = resolve(package_old, dots, module) if dots else module
    plain = [part.strip() for part in names.split(",")] if "(" not in names and "\\" not in names else None
    # `from pkg import submodule[, submodule]`: each submodule may move somewhere else.
    if plain and all(name.split(" as ")[0].strip() in _submodules(target_old, known) for name in plain):
        lines = []
        for name in plain:
            base = name.split(" as ")[0].strip()
            new_full = map_name(f"{target_old}.{base}", moves)
            new_parent, _, new_base = new_full.rpartition(".")
            alias = name[len(base):]
            if new_base != base and not alias:
                alias = f" as {base}"
            lines.append(_from(indent, dots, package_new, new_parent, f"{new_base}{alias}"))
        return _merge(lines)
    new_target = map_name(target_old, moves)
    return [_from(indent, dots, package_new, new_target, names)]


def _submodules(package: str, known: set[str]) -> set[str]:
    return {name[len(package) + 1:] for name in known if name.startswith(package + ".") and
            "." not in name[len(package) + 1:]}


def _from(indent: str, dots: str, package_new: str, target: str, names: str) -> str:
    if not dots:
        return f"{indent}from {target} import {names}"
    new_dots, rest = relative(package_new, target)
    return f"{indent}from {new_dots}{rest} import {names}"


def _merge(lines: list[str]) -> list[str]:
    merged: dict[str, list[str]] = {}
    for line in lines:
        head, _, names = line.partition(" import ")
        merged.setdefault(head, []).append(names)
    return [f"{head} import {', '.join(names)}" for head, names in merged.items()]


def rewrite_text(text: str, moves: dict[str, str]) -> str:
    """Dotted names in strings and docstrings (``pyblish_qml.engine.runner.Runner``)."""
    pattern = "|".join(re.escape(old) for old in sorted(moves, key=len, reverse=True))
    return re.sub(rf"(?<![\w.])({pattern})(?![\w])", lambda match: moves[match[1]], text)


def main(spec: str) -> None:
    moves = read_moves(Path(spec))
    known = {module_of(path) for path in (ROOT / "pyblish_qml").rglob("*.py")}
    files = [path for top in ("pyblish_qml", "tests", "scripts") for path in (ROOT / top).rglob("*.py")]
    old_place = {path: module_of(path) for path in files}
    for old, new in moves.items():
        source, target = file_of(old), file_of(new)
        if not source.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        init = target.parent / "__init__.py"
        if not init.exists():
            init.write_text("")
            subprocess.run(["git", "add", str(init)], cwd=ROOT, check=True)
        subprocess.run(["git", "mv", str(source), str(target)], cwd=ROOT, check=True)
    known |= set(moves.values())
    for path, old_module in old_place.items():
        new_module = map_name(old_module, moves) if old_module.startswith("pyblish_qml") else old_module
        new_path = file_of(new_module) if new_module.startswith("pyblish_qml") else path
        text = new_path.read_text(encoding="utf-8")
        package_old = package_of(old_module, path)
        package_new = package_of(new_module, new_path)
        out = []
        for line in text.splitlines(keepends=True):
            match = FROM_IMPORT.match(line.rstrip("\n"))
            if match:
                out.extend(new + "\n" for new in rewrite_from_line(match, package_old, package_new, moves, known))
            else:
                out.append(rewrite_text(line, moves))
        new_text = "".join(out)
        if new_text != text:
            new_path.write_text(new_text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
