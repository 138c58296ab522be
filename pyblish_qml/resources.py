"""Where the QML module, icons and packaging files are, installed or in a source checkout.

A wheel carries them inside the package (``pyblish_qml/qml``...); a source checkout or an
editable install has them at the repository's top level (the design card's layout).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _REPO / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("pyblish-qml's %s folder is missing (looked in %s and %s); reinstall the package"
                            % (name, _PACKAGE / name, _REPO / name))


def qml_dir() -> Path:
    """The QML import path: holds the ``Pyblish`` module (``Pyblish/qmldir``)."""
    return _find("qml")


def icons_dir() -> Path:
    return _find("icons")


def fonts_dir() -> Path:
    """The bundled Font Awesome Free fonts and charmaps (``fonts/LICENSE``), for action icons."""
    return _find("fonts")


def packaging_dir() -> Path:
    return _find("packaging")
