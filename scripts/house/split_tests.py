"""Split grab-bag test files into one file per feature (issue 19's house step).

    python scripts/house/split_tests.py scripts/house/tests.txt

The spec has two kinds of lines:

    tests/test_a.py -> tests/folder/test_a.py                     a whole file (git mv)
    tests/test_b.py::test_one,test_two -> tests/f/test_c.py | docstring | WINDOW
                                                                   chosen tests into a new file

A split copies the chosen tests (with their decorators and the comment lines just above them),
the source's imports and the module-level constants the tests use; helper functions come from
``window_helpers`` (``find`` from the 430×600 files is ``find_visible``, which they used). The
source file is removed once every test left it. ``ruff --fix`` then drops unused imports.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def segment(lines: list[str], node: ast.AST) -> str:
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
    while start > 0 and lines[start - 1].startswith("#") and not lines[start - 1].startswith("# -"):
        start -= 1
    return "".join(lines[start:node.end_lineno])


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def split(source: Path, tests: list[str], target: Path, docstring: str, window: str, helpers: set[str]) -> None:
    text = source.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    tree = ast.parse(text)
    skipped = ("__future__", "test_window", "test_window_power")
    imports = [segment(lines, n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))
               and not (isinstance(n, ast.ImportFrom) and n.module in skipped)
               and not (isinstance(n, ast.Import) and n.names[0].name == "test_window")]
    chosen = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in tests]
    missing = set(tests) - {n.name for n in chosen}
    assert not missing, "%s has no %s" % (source, missing)
    used = set().union(*(names_in(n) for n in chosen))
    constants = [segment(lines, n) for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))
                 and names_in(n.targets[0] if isinstance(n, ast.Assign) else n.target) & used
                 and not (names_in(n.targets[0] if isinstance(n, ast.Assign) else n.target) & helpers)]
    wanted = sorted(used & helpers)
    if window == "default" and "find" in wanted:
        wanted = ["find_visible as find" if name == "find" else name for name in wanted]
    wanted = ["publish_with_the_button as publish" if name == "publish" else name for name in wanted]
    if "publish" in used and source.name == "test_window_polish.py":
        wanted.append("publish_with_the_button as publish")
    body = ['"""%s"""\n\n' % docstring.strip(), "from __future__ import annotations\n\n"]
    body += imports
    body.append("from window_helpers import %s, needs_display\n" % ", ".join(sorted(set(wanted) - {"publish"})))
    body.append("\npytestmark = needs_display\n")
    body.append('WINDOW = "%s"\n' % window)
    body += ["\n" + c for c in constants]
    body += ["\n\n" + segment(lines, n) for n in chosen]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(body), encoding="utf-8")


def main(spec: str) -> None:
    helpers_source = (ROOT / "tests" / "window" / "window_helpers.py").read_text(encoding="utf-8")
    helpers = {n.name for n in ast.parse(helpers_source).body if isinstance(n, ast.FunctionDef)}
    helpers |= {t.id for n in ast.parse(helpers_source).body if isinstance(n, ast.Assign) for t in n.targets
                if isinstance(t, ast.Name)}
    helpers |= {"publish"}
    splits: dict[Path, set[str]] = {}
    for raw in Path(spec).read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        left, right = (part.strip() for part in line.split("->", 1))
        if "::" not in left:
            if (ROOT / left).exists():
                (ROOT / right).parent.mkdir(parents=True, exist_ok=True)
                subprocess.run(["git", "mv", left, right], cwd=ROOT, check=True)
            continue
        path, names = left.split("::")
        target, docstring, window = (part.strip() for part in right.split("|"))
        tests = [name.strip() for name in names.split(",")]
        split(ROOT / path, tests, ROOT / target, docstring, window, helpers)
        splits.setdefault(ROOT / path, set()).update(tests)
    for source, moved in splits.items():
        tree = ast.parse(source.read_text(encoding="utf-8"))
        left = {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")} - moved
        assert not left, "%s still has %s" % (source, sorted(left))
        subprocess.run(["git", "rm", "-q", str(source)], cwd=ROOT, check=True)


if __name__ == "__main__":
    main(sys.argv[1])
