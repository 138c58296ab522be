"""``pyblish-qml install-dcc blender|maya|houdini|nuke``: install the integration the DCC's way.

Each DCC gets what it looks for at startup, and nothing of the user's is overwritten:

- Blender 4.2+: an extension zip (``blender_manifest.toml``, the host side bundled inside) to
  install with ``blender --command extension install-file -r user_default -e ZIP`` or Get
  Extensions ▸ Install from Disk. Blender up to 4.1: an add-on zip (``bl_info``) to install from
  Preferences ▸ Add-ons ▸ Install…. ``install-dcc`` asks the Blender it finds (``--blender``,
  ``$BLENDER``, else ``blender`` on PATH) for its version; ``--format`` overrides.
  Both add File ▸ Publish… and preferences for the UI's Python and the studio's plugin folders.
- Maya: a module, ``pyblish_qml.mod`` plus ``pyblish_qml/scripts/userSetup.py``, in
  ``~/maya/modules`` (``$MAYA_APP_DIR/modules``).
- Houdini: a package, ``packages/pyblish_qml.json`` plus its folder (``MainMenuCommon.xml``,
  ``scripts/python/pythonrc.py``), in ``$HOUDINI_USER_PREF_DIR`` or the newest ``~/houdiniX.Y``.
- Nuke: a marked block in ``~/.nuke/init.py`` (paths) and ``~/.nuke/menu.py`` (File ▸ Publish);
  running the command again replaces the block.

The DCC gets the host side only: a folder (``HOST_SITE``) with a copy of the modules of
``pyblish_qml`` that the host imports and of ``pyblish``, and nothing else, so no Qt binding
(PySide6 of the UI's venv) can shadow the DCC's own. The generated code *appends* that folder to
the DCC's ``sys.path`` (a DCC's own pyblish wins) and, unless the environment already says, sets
``PYBLISH_QML_PYTHON_EXECUTABLE`` to the UI's Python (``--python``; default: this Python when it
can run the UI). It runs in the DCC's own Python, so this module and what it writes keep to 3.7.
"""

from __future__ import annotations

import argparse
import ast
import glob
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from typing import Dict, List, NamedTuple, Tuple

import pyblish

from . import compat
from .install_templates import (  # noqa: F401 - bootstrap stays importable from here
    BLENDER_ADDON_HEADER,
    BLENDER_BODY,
    BLENDER_EXTENSION_HEADER,
    BLENDER_MANIFEST,
    HOUDINI_PYTHONRC,
    MAYA_USER_SETUP,
    NUKE_INIT,
    NUKE_MENU,
    bootstrap,
    render,
)
from .version import __version__, version_info

DCCS = ("blender", "maya", "houdini", "nuke")
ADDON = "pyblish_qml_publish"  # the Blender add-on's module: never "pyblish_qml", which it imports
BLENDER_FORMATS = ("auto", "addon", "extension")
EXTENSIONS_SINCE = (4, 2)  # Blender's first version with extensions (blender_manifest.toml)
HOST_SITE = "host-site"  # the host-only folder; in the Blender zips, "host_site" (a module-like name)
HOST_MARKER = "PYBLISH_QML_HOST_SIDE.txt"  # says what the folder is; a rerun replaces such a folder whole
HOST_ENTRIES = ("pyblish_qml", "pyblish_qml.api", "pyblish_qml.settings", "pyblish_qml.host",
                "pyblish_qml.host.__main__", "pyblish_qml.integrations", "pyblish_qml.integrations.blender",
                "pyblish_qml.integrations.maya", "pyblish_qml.integrations.nuke",
                "pyblish_qml.integrations.houdini")
BEGIN = "# >>> pyblish-qml install-dcc >>>"
END = "# <<< pyblish-qml install-dcc <<<"


class Output(NamedTuple):
    """One file to write: whole (``block`` False) or as the marked block inside a user's file.
    ``copied``: a host-side copy (``--dry-run`` lists it without its content)."""

    path: str
    content: bytes
    block: bool = False
    copied: bool = False


class InstallError(Exception):
    """What the user must do first (e.g. say where Houdini's preferences are)."""


def package_paths() -> List[str]:
    """The folders that hold ``pyblish_qml`` and ``pyblish`` (real folders, no .pth needed)."""
    paths = []
    for module in (sys.modules[__package__], pyblish):
        folder = os.path.dirname(os.path.dirname(os.path.abspath(module.__file__)))
        if folder not in paths:
            paths.append(folder)
    return paths


def _module_file(package_root: str, name: str) -> str | None:
    base = os.path.join(package_root, *name.split(".")[1:])
    for candidate in (os.path.join(base, "__init__.py"), base + ".py"):
        if os.path.isfile(candidate):
            return candidate
    return None


def _imports(path: str, name: str) -> List[str]:
    """The ``pyblish_qml`` modules ``path`` (module ``name``) imports, at any depth of its code."""
    with open(path, "rb") as handle:
        tree = ast.parse(handle.read(), path)
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1])
                module = base + ("." + node.module if node.module else "")
            else:
                module = node.module or ""
            found.append(module)
            found += [module + "." + alias.name for alias in node.names]  # ``from . import x``: maybe a module
    return [module for module in found if module == "pyblish_qml" or module.startswith("pyblish_qml.")]


def host_side_files() -> Dict[str, str]:
    """``{relative path: source file}`` of the ``pyblish_qml`` modules a host imports: the import
    closure of ``HOST_ENTRIES``, with every package ``__init__`` on the way. Never the UI's."""
    root = os.path.dirname(os.path.abspath(sys.modules[__package__].__file__))
    todo, seen, files = list(HOST_ENTRIES), set(), {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(root, name)
        if path is None:
            continue  # ``from .host import hide``: a name, not a module
        parts = name.split(".")
        todo += [".".join(parts[:index]) for index in range(1, len(parts))]  # the packages above it
        files[os.path.relpath(path, os.path.dirname(root))] = path
        todo += _imports(path, name)
    houdini_menu = os.path.join(root, "integrations", "houdini", "MainMenuCommon.xml")
    files[os.path.relpath(houdini_menu, os.path.dirname(root))] = houdini_menu
    return files


def pyblish_files() -> Dict[str, str]:
    """``{relative path: source file}`` of pyblish-base (pure Python; no caches)."""
    root = os.path.dirname(os.path.abspath(pyblish.__file__))
    files = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if not name.endswith((".pyc", ".pyo")):
                path = os.path.join(folder, name)
                files[os.path.relpath(path, os.path.dirname(root))] = path
    return files


def host_site(folder: str) -> List[Output]:
    """The host-only folder: ``pyblish_qml``'s host side, ``pyblish``, and a note saying what it is."""
    outputs = [Output(os.path.join(folder, HOST_MARKER), (
        "Written by `pyblish-qml install-dcc` (pyblish-qml %s, pyblish-base %s): the host side only, for a "
        "DCC's sys.path (appended). No Qt here: the UI runs in its own Python. Run install-dcc again to "
        "update; it replaces this folder.\n" % (__version__, pyblish.__version__)).encode("utf-8"), copied=True)]
    for relative, source in sorted({**host_side_files(), **pyblish_files()}.items()):
        with open(source, "rb") as handle:
            outputs.append(Output(os.path.join(folder, relative), handle.read(), copied=True))
    return outputs


def default_ui_python() -> str:
    """``PYBLISH_QML_PYTHON_EXECUTABLE``, else this Python when it can run the UI, else ''."""
    chosen = os.environ.get(compat.PYTHON_VARIABLE, "")
    if chosen:
        return chosen
    return sys.executable if compat.ui_python_problem() is None else ""


def blender_version(executable: str | None = None) -> Tuple[int, int] | None:
    """(major, minor) of ``executable`` (else ``$BLENDER``, else ``blender`` on PATH); None: none found."""
    executable = executable or os.environ.get("BLENDER") or shutil.which("blender")
    if not executable:
        return None
    try:
        out = subprocess.run([executable, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             stdin=subprocess.DEVNULL, timeout=120).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(rb"^Blender (\d+)\.(\d+)", out, re.MULTILINE)
    return (int(match.group(1)), int(match.group(2))) if match else None


def blender_format(requested: str = "auto", executable: str | None = None) -> Tuple[str, str]:
    """("addon" or "extension", why): an extension for Blender 4.2+, the bl_info add-on before
    (and when no Blender answers: 4.2+ still installs legacy add-ons, 4.1 and older only those)."""
    if requested not in BLENDER_FORMATS:
        raise InstallError("unknown Blender format %r; choose one of: %s" % (requested, ", ".join(BLENDER_FORMATS)))
    if requested != "auto":
        return requested, "--format %s" % requested
    version = blender_version(executable)
    if version is None:
        return "addon", "no Blender found to ask (--blender PATH); the add-on installs in 2.93 and later"
    chosen = "extension" if version >= EXTENSIONS_SINCE else "addon"
    return chosen, "Blender %d.%d" % version


def _zip(files: List[Tuple[str, bytes]]) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for name, content in files:
            handle.writestr(name, content)
    return archive.getvalue()


def blender_extension(python: str, plugins: str = "") -> bytes:
    """The extension zip: manifest and add-on at its root, the host side in ``host_site/``."""
    files = [("blender_manifest.toml", (BLENDER_MANIFEST % {"id": ADDON, "version": __version__}).encode("utf-8")),
             ("__init__.py", BLENDER_EXTENSION_HEADER.encode("utf-8")
              + render(BLENDER_BODY, "blender", python, ["host_site"], relative=True, plugins=plugins))]
    for output in host_site("host_site"):
        files.append((output.path.replace(os.sep, "/"), output.content))
    return _zip(files)


def _block(text: bytes) -> bytes:
    return (BEGIN + "\n").encode() + text + (END + "\n").encode()


def default_dest(dcc: str) -> str:
    home = os.path.expanduser("~")
    if dcc == "blender":
        return os.getcwd()
    if dcc == "maya":
        return os.path.join(os.environ.get("MAYA_APP_DIR") or os.path.join(home, "maya"), "modules")
    if dcc == "nuke":
        return os.path.join(home, ".nuke")
    preferences = os.environ.get("HOUDINI_USER_PREF_DIR", "").replace("__HVER__", "")
    if not preferences:
        found = sorted(glob.glob(os.path.join(home, "houdini[0-9]*.[0-9]*")),
                       key=lambda path: [int(p) for p in os.path.basename(path)[7:].split(".") if p.isdigit()])
        if not found:
            raise InstallError("no Houdini preference folder found (~/houdiniX.Y); pass --dest "
                               "~/houdini20.5/packages, or set HOUDINI_USER_PREF_DIR")
        preferences = found[-1]
    return os.path.join(preferences, "packages")


def plan(dcc: str, dest: str | None = None, python: str | None = None, blender: str = "auto",
         blender_executable: str | None = None, plugins: str = "") -> List[Output]:
    """What ``install-dcc`` writes for ``dcc`` into ``dest`` (its default when None). ``blender``:
    "auto" (by the version of the Blender found), "addon" or "extension"."""
    if dcc not in DCCS:
        raise InstallError("unknown DCC %r; choose one of: %s" % (dcc, ", ".join(DCCS)))
    dest = os.path.abspath(os.path.expanduser(dest or default_dest(dcc)))
    python = default_ui_python() if python is None else python
    if dcc == "blender":
        if blender_format(blender, blender_executable)[0] == "extension":
            return [Output(os.path.join(dest, "%s-%s.zip" % (ADDON, __version__)), blender_extension(python, plugins))]
        site = os.path.join(dest, "pyblish_qml_publish-" + HOST_SITE)  # beside the zip: add-ons have no wheels
        addon = ((BLENDER_ADDON_HEADER % {"version": version_info}).encode("utf-8")
                 + render(BLENDER_BODY, dcc, python, [site], plugins=plugins))
        return [Output(os.path.join(dest, ADDON + ".zip"), _zip([(ADDON + "/__init__.py", addon)]))] + host_site(site)
    if dcc == "maya":
        module = os.path.join(dest, "pyblish_qml")
        site = os.path.join(module, HOST_SITE)
        mod = "+ pyblish_qml %s %s\n" % (__version__, module)
        return [Output(os.path.join(dest, "pyblish_qml.mod"), mod.encode("utf-8")),
                Output(os.path.join(module, "scripts", "userSetup.py"), render(MAYA_USER_SETUP, dcc, python, [site]))
                ] + host_site(site)
    if dcc == "houdini":
        from .integrations import houdini

        package = os.path.join(dest, "pyblish_qml")
        site = os.path.join(package, HOST_SITE)
        with open(os.path.join(houdini.menu_folder(), "MainMenuCommon.xml"), "rb") as handle:
            menu = handle.read()
        # No PYTHONPATH entry: pythonrc.py appends the host-only folder (a package's "prepend" would put it first)
        manifest = {"path": package, "load_package_once": True}
        return [Output(os.path.join(dest, "pyblish_qml.json"), (json.dumps(manifest, indent=2) + "\n").encode()),
                Output(os.path.join(package, "MainMenuCommon.xml"), menu),
                Output(os.path.join(package, "scripts", "python", "pythonrc.py"),
                       render(HOUDINI_PYTHONRC, dcc, python, [site]))] + host_site(site)
    site = os.path.join(dest, "pyblish_qml-" + HOST_SITE)
    return [Output(os.path.join(dest, "init.py"), _block(render(NUKE_INIT, dcc, python, [site])), block=True),
            Output(os.path.join(dest, "menu.py"), _block(NUKE_MENU.encode("utf-8")), block=True)] + host_site(site)


def merged(path: str, block: bytes) -> bytes:
    """The user's file with our marked block replaced, or appended when it has none."""
    try:
        with open(path, "rb") as handle:
            current = handle.read()
    except FileNotFoundError:
        return block
    begin, end = current.find(BEGIN.encode()), current.find(END.encode())
    if begin >= 0 and end > begin:
        tail = current[end + len(END):]
        return current[:begin] + block + (tail[1:] if tail.startswith(b"\n") else tail)
    return current + (b"" if not current or current.endswith(b"\n") else b"\n") + b"\n" + block


def write(outputs: List[Output]) -> List[str]:
    """Write every output; a host-only folder from an earlier run is replaced whole (no stale modules)."""
    for output in outputs:
        folder = os.path.dirname(output.path)
        if os.path.basename(output.path) == HOST_MARKER and os.path.isfile(output.path):
            shutil.rmtree(folder)
    written = []
    for output in outputs:
        content = merged(output.path, output.content) if output.block else output.content
        os.makedirs(os.path.dirname(output.path), exist_ok=True)
        with open(output.path + ".tmp", "wb") as handle:
            handle.write(content)
        os.replace(output.path + ".tmp", output.path)
        written.append(output.path)
    return written


NEXT_STEPS = {
    "addon": "In Blender: Edit > Preferences > Add-ons > Install..., pick %(first)s, tick 'System: Pyblish QML'"
             " (its preferences hold the UI's Python and the studio's plugin folders); then File > Publish...",
    "extension": "In Blender 4.2+: blender --command extension install-file -r user_default -e %(first)s (or Get "
                 "Extensions > Install from Disk...); its preferences hold the UI's Python and the studio's plugin "
                 "folders; then File > Publish...",
    "maya": "Start Maya with %(dest)s on MAYA_MODULE_PATH (~/maya/modules is by default); File > Publish is "
            "after Save Scene As",
    "houdini": "Start Houdini (it reads packages/*.json at startup); File > Publish is after Save As",
    "nuke": "Start Nuke (it runs ~/.nuke/init.py and menu.py); File > Publish is after Save Comp As",
}


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pyblish-qml install-dcc",
                                     description="Install pyblish-qml into a DCC the way that DCC expects.")
    parser.add_argument("dcc", choices=DCCS)
    parser.add_argument("--dest", default=None, help="where to write (default: the DCC's user folder; "
                        "Blender: the current folder, for Preferences > Add-ons > Install...)")
    parser.add_argument("--python", default=None, metavar="PATH",
                        help="the Python >= 3.10 that runs the UI (default: %s, else this Python when it can)"
                        % compat.PYTHON_VARIABLE)
    parser.add_argument("--format", default="auto", choices=BLENDER_FORMATS,
                        help="Blender: an extension (4.2+) or a bl_info add-on; auto: by the version of the "
                             "Blender found (--blender, $BLENDER, else blender on PATH)")
    parser.add_argument("--blender", default=None, metavar="PATH", help="the Blender to ask for its version")
    parser.add_argument("--plugin-path", default="", metavar="DIRS",
                        help="Blender: the studio's plugin folders (%r-separated), the add-on's default" % os.pathsep)
    parser.add_argument("--dry-run", action="store_true", help="print what would be written; write nothing")
    args = parser.parse_args(argv)
    try:
        kind, why = blender_format(args.format, args.blender) if args.dcc == "blender" else (args.dcc, "")
        outputs = plan(args.dcc, args.dest, args.python, kind if args.dcc == "blender" else "auto",
                       args.blender, args.plugin_path)
    except InstallError as error:
        print("pyblish-qml install-dcc: %s" % error, file=sys.stderr)
        return 2
    python = default_ui_python() if args.python is None else args.python
    if why:
        print("Blender %s (%s)" % ("extension" if kind == "extension" else "add-on", why))
    sites = sorted({os.path.dirname(o.path) for o in outputs if os.path.basename(o.path) == HOST_MARKER})
    if args.dry_run:
        for output in outputs:
            if output.copied:
                continue
            print("would write %s%s" % (output.path, " (a marked block)" if output.block else ""))
            if output.path.endswith(".zip"):
                for name, text in _zip_members(output.content):
                    if not name.startswith("host_site/"):
                        print("  %s:\n%s" % (name, text))
            else:
                print(output.content.decode("utf-8"))
        for site in sites:
            print("would write the host-only folder %s (%d files: pyblish_qml's host side and pyblish)"
                  % (site, sum(1 for o in outputs if o.copied and o.path.startswith(site + os.sep))))
        return 0
    for path, output in zip(write(outputs), outputs):
        if not output.copied:
            print("wrote %s" % path)
    for site in sites:
        print("wrote the host-only folder %s (pyblish_qml's host side and pyblish; no Qt)" % site)
    if not python:
        print("warning: no Python to run the UI is set; set %s to a Python >= 3.10 that has pyblish-qml "
              "installed with its UI, or run this again with --python PATH" % compat.PYTHON_VARIABLE,
              file=sys.stderr)
    print(NEXT_STEPS[kind] % {"first": outputs[0].path, "dest": os.path.dirname(outputs[0].path)})
    return 0


def _zip_members(content: bytes):
    with zipfile.ZipFile(io.BytesIO(content)) as handle:
        for name in handle.namelist():
            yield name, handle.read(name).decode("utf-8")
