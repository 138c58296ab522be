"""docs/architecture.md stays true: it names every module in its folder and no module that is not
there; the layers hold (no Qt and no window below the window, no import cycles); the house rules
on size hold; QML and tests mirror the window's feature folders."""

from __future__ import annotations

import ast
import re

from layers import PACKAGE, cycles, graph, modules

REPO = PACKAGE.parent
PAGE = REPO / "docs" / "architecture.md"
FEATURES = {"live", "lists", "overview", "terminal", "report", "history", "hosts", "shell", "farm", "options",
            "thumbnails"}


def documented() -> dict[str, set[str]]:
    """Folder -> the modules the page's Folders table names in it."""
    table = PAGE.read_text(encoding="utf-8").split("## Folders", 1)[1].split("\n## ", 1)[0]
    out: dict[str, set[str]] = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`pyblish_qml"):
            folder = cells[0].strip("`").rstrip("/")
            out.setdefault(folder, set()).update(re.findall(r"`(\w+)`", cells[2]))
    return out


def test_the_page_names_every_module_in_its_folder_and_nothing_else():
    actual: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        actual.setdefault(str(path.parent.relative_to(REPO)), set()).add(path.stem)
    named = documented()
    missing = {folder: sorted(names - named.get(folder, set())) for folder, names in actual.items()
               if names - named.get(folder, set())}
    stale = {folder: sorted(names - actual.get(folder, set())) for folder, names in named.items()
             if names - actual.get(folder, set())}
    assert not missing, "modules docs/architecture.md does not account for: %s" % missing
    assert not stale, "docs/architecture.md names modules that do not exist: %s" % stale


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_the_engine_and_the_record_import_no_qt_and_nothing_of_the_window():
    edges = graph()
    for name in modules():
        if name.startswith(("pyblish_qml.engine", "pyblish_qml.record")):
            assert not [t for t in edges[name] if t.startswith("pyblish_qml.app")], name
            source = modules()[name].read_text(encoding="utf-8")
            assert "PySide6" not in source and "QtCore" not in source, "%s imports Qt" % name
        if name.startswith("pyblish_qml.engine"):
            assert not [t for t in edges[name] if t.startswith("pyblish_qml.record")], name
        if name.startswith(("pyblish_qml.host", "pyblish_qml.integrations")):
            below = [t for t in edges[name] if t.startswith(("pyblish_qml.app", "pyblish_qml.engine",
                                                             "pyblish_qml.record"))]
            assert not below, "the host side %s imports the UI's %s" % (name, below)


def test_no_module_over_400_lines_and_no_class_over_300():
    too_long = []
    for name, path in modules().items():
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > 400:
            too_long.append((name, len(source.splitlines())))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > 300:
                too_long.append(("%s.%s" % (name, node.name), node.end_lineno - node.lineno + 1))
    assert not too_long, too_long


def test_qml_and_tests_mirror_the_windows_feature_folders():
    app = {path.name for path in (PACKAGE / "app").iterdir() if (path / "__init__.py").exists()}
    qml = {path.name for path in (REPO / "qml" / "Pyblish").iterdir() if path.is_dir()}
    assert app == FEATURES and qml == FEATURES, (app, qml)
    qmldir = (REPO / "qml" / "Pyblish" / "qmldir").read_text(encoding="utf-8")
    listed = set(re.findall(r"^(?:singleton )?\w+ \S+ (\S+\.qml)$", qmldir, re.M))
    files = {str(path.relative_to(REPO / "qml" / "Pyblish")) for path in (REPO / "qml" / "Pyblish").rglob("*.qml")}
    assert listed == files, (listed ^ files)
    tests = {path.name for path in (REPO / "tests" / "app").iterdir() if path.is_dir() and path.name in FEATURES}
    windows = {path.name for path in (REPO / "tests" / "window").iterdir() if path.is_dir() and path.name in FEATURES}
    assert tests | windows == FEATURES, FEATURES - (tests | windows)


def test_no_test_imports_a_conftest_by_name():
    """Every folder may have a conftest.py: ``from conftest import`` takes whichever came first on
    sys.path. What tests share lives in a helpers module of their level."""
    offenders = [str(path.relative_to(REPO)) for path in (REPO / "tests").rglob("*.py")
                 if re.search(r"^\s*(from conftest import|import conftest\b)", path.read_text(encoding="utf-8"), re.M)]
    assert not offenders, offenders
