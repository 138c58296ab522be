"""Font Awesome icon names, as pyblish's ``Action.icon`` gives them, to glyph outlines.

pyblish's convention: ``Action.icon`` names a Font Awesome icon ("wrench", "hand-o-up"); most
plugins were written against Font Awesome 4, some against 5. The bundled fonts are Font Awesome
Free 5.15.4, solid and regular (``fonts/LICENSE``). A name is looked up as given in solid, then
in regular; Font Awesome 4 names that 5 renamed go through :data:`FA4_NAMES`, and 4's outline
variants (``-o`` suffix or infix) are 5's regular style. Prefixes such as ``fa-``, ``fa.`` or
qtawesome's ``fa5s.`` are dropped. Unknown names give ``None``: the caller draws its own glyph.

Thread: any. The fonts load once, under a lock; ``QRawFont`` is used because it needs no
application font database (which lives on the GUI thread).
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QPainterPath, QRawFont, QTransform

STYLES = {"solid": "fontawesome5-solid-webfont", "regular": "fontawesome5-regular-webfont"}
VERSION = "5.15.4"

# Font Awesome 4 names that 5 renamed: 4 name -> (style, 5 name). The common ones in pipelines.
FA4_NAMES: dict[str, tuple[str, str]] = {
    "hand-o-up": ("regular", "hand-point-up"), "hand-o-down": ("regular", "hand-point-down"),
    "hand-o-left": ("regular", "hand-point-left"), "hand-o-right": ("regular", "hand-point-right"),
    "hand-pointer-o": ("regular", "hand-pointer"), "pencil": ("solid", "pencil-alt"),
    "pencil-square-o": ("regular", "edit"), "edit": ("regular", "edit"), "trash-o": ("regular", "trash-alt"),
    "remove": ("solid", "times"), "close": ("solid", "times"), "refresh": ("solid", "sync"),
    "repeat": ("solid", "redo"), "gear": ("solid", "cog"), "gears": ("solid", "cogs"),
    "warning": ("solid", "exclamation-triangle"), "flash": ("solid", "bolt"), "floppy-o": ("regular", "save"),
    "external-link": ("solid", "external-link-alt"), "sign-in": ("solid", "sign-in-alt"),
    "sign-out": ("solid", "sign-out-alt"), "exchange": ("solid", "exchange-alt"), "picture-o": ("regular", "image"),
    "file-text-o": ("regular", "file-alt"), "clock-o": ("regular", "clock"), "dashboard": ("solid", "tachometer-alt"),
    "mail-forward": ("solid", "share"), "navicon": ("solid", "bars"), "reorder": ("solid", "bars"),
    "support": ("regular", "life-ring"), "legal": ("solid", "gavel"), "magic": ("solid", "magic"),
    "arrows": ("solid", "arrows-alt"), "check-circle-o": ("regular", "check-circle"),
    "times-circle-o": ("regular", "times-circle"), "eye-slash": ("solid", "eye-slash"),
}
_PREFIX = re.compile(r"^(?:fa[0-9]*[srb]?[.\-\s]|fa[srb]\s+fa-)")


def normalise(name: str) -> str:
    name = (name or "").strip().lower()
    while True:
        stripped = _PREFIX.sub("", name, count=1)
        if stripped == name:
            return name
        name = stripped


class FontAwesome:
    def __init__(self, folder: Path):
        self._folder = Path(folder)
        self._lock = threading.Lock()
        self._charmaps: dict[str, dict[str, int]] | None = None
        self._fonts: dict[str, bytes] = {}

    def _maps(self) -> dict[str, dict[str, int]]:
        with self._lock:
            if self._charmaps is None:
                maps = {}
                for style, stem in STYLES.items():
                    charmap = self._folder / ("%s-charmap-%s.json" % (stem, VERSION))
                    try:
                        maps[style] = {k: int(v, 16) for k, v in json.loads(charmap.read_text("utf-8")).items()}
                        self._fonts[style] = (self._folder / ("%s-%s.ttf" % (stem, VERSION))).read_bytes()
                    except (OSError, ValueError):
                        maps[style] = {}  # a missing font: every name falls back to the caller's glyph
                self._charmaps = maps
            return self._charmaps

    def lookup(self, name: str) -> tuple[str, int] | None:
        """(style, code point) of a Font Awesome 4 or 5 name, or None if there is no such icon."""
        maps = self._maps()
        name = normalise(name)
        if name in FA4_NAMES:
            style, name = FA4_NAMES[name]
            found = maps[style].get(name)
            return (style, found) if found is not None else None
        for style in ("solid", "regular"):
            if name in maps[style]:
                return style, maps[style][name]
        outline = re.sub(r"-o(?=-|$)", "", name, count=1)  # 4's "folder-o", "check-square-o"
        if outline != name and outline in maps["regular"]:
            return "regular", maps["regular"][outline]
        return None

    def path(self, name: str, size: int) -> QPainterPath | None:
        """The icon's outline at ``size`` pixels, centred in a size × size box; None if unknown."""
        found = self.lookup(name)
        if found is None:
            return None
        style, code = found
        font = QRawFont(QByteArray(self._fonts[style]), float(size), QFont.HintingPreference.PreferNoHinting)
        glyphs = font.glyphIndexesForString(chr(code)) if font.isValid() else []
        if not glyphs or glyphs[0] == 0:
            return None
        outline = font.pathForGlyph(glyphs[0])
        box = outline.boundingRect()
        if box.isEmpty():
            return None
        scale = min(size / box.width(), size / box.height()) * 0.92  # a glyph fills its box a little less
        transform = QTransform()
        transform.translate(size / 2, size / 2)
        transform.scale(scale, scale)
        transform.translate(-box.center().x(), -box.center().y())
        return transform.map(outline)
