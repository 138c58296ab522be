"""Double-click launch: register the freedesktop entry and icons for the current user.

``pyblish-qml --install-desktop`` copies ``packaging/pyblish-qml.desktop`` into
``$XDG_DATA_HOME/applications`` (with ``Exec`` pointing at this installation) and the icons
into ``$XDG_DATA_HOME/icons/hicolor``; ``--uninstall-desktop`` removes exactly those files.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from .resources import packaging_dir

DESKTOP_FILE = "pyblish-qml.desktop"
ICON_NAME = "pyblish-qml"
SIZES = (16, 32, 48, 64, 128, 256)


def data_home(data_home: str | Path | None = None) -> Path:
    if data_home:
        return Path(data_home)
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def exec_command() -> str:
    """How the desktop starts us: the installed GUI script, else this Python with -m."""
    script = shutil.which("pyblish-qml-gui") or str(Path(sys.executable).with_name("pyblish-qml-gui"))
    if Path(script).exists():
        return "%s --tray" % shlex.quote(script)
    return "%s -m pyblish_qml --tray" % shlex.quote(sys.executable)


def _targets(home: Path) -> list[tuple[Path, Path]]:
    icons = packaging_dir() / "icons"
    pairs = [(icons / ("%s-%d.png" % (ICON_NAME, size)),
              home / "icons" / "hicolor" / ("%dx%d" % (size, size)) / "apps" / ("%s.png" % ICON_NAME))
             for size in SIZES]
    pairs.append((icons / ("%s.svg" % ICON_NAME), home / "icons" / "hicolor" / "scalable" / "apps" /
                  ("%s.svg" % ICON_NAME)))
    return pairs


def install_desktop(data_home_dir: str | Path | None = None) -> list[Path]:
    """Install the entry and icons; returns the files written."""
    home = data_home(data_home_dir)
    written = []
    for source, target in _targets(home):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    entry = (packaging_dir() / DESKTOP_FILE).read_text(encoding="utf-8")
    lines = ["Exec=%s" % exec_command() if line.startswith("Exec=") else line for line in entry.splitlines()]
    target = home / "applications" / DESKTOP_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    written.append(target)
    return written


def uninstall_desktop(data_home_dir: str | Path | None = None) -> list[Path]:
    """Remove what :func:`install_desktop` wrote; returns the files removed."""
    home = data_home(data_home_dir)
    removed = []
    for target in [t for _, t in _targets(home)] + [home / "applications" / DESKTOP_FILE]:
        if target.exists():
            target.unlink()
            removed.append(target)
    return removed
