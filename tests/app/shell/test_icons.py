"""The icon provider: monochrome icons in any colour, without shader effects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from pyblish_qml import resources
from pyblish_qml.app.shell.icons import MONO, IconProvider

pytestmark = pytest.mark.usefixtures("qapp")


def colours(image) -> set[tuple[int, int, int]]:
    return {QColor(image.pixel(x, y)).getRgb()[:3] for x in range(image.width()) for y in range(image.height())
            if QColor.fromRgba(image.pixel(x, y)).alpha() == 255}


def test_every_monochrome_icon_is_drawn_in_the_asked_colour():
    provider = IconProvider(resources.icons_dir())
    monochrome = [path.stem for path in resources.icons_dir().glob("*.svg")
                  if MONO in path.read_bytes() and path.stem != "logo"]  # the logo keeps its colours
    assert {"chevron-right", "search", "action", "back"} <= set(monochrome)
    for name in monochrome:
        image = provider.requestImage("%s/ff0000" % name, QSize(), QSize(32, 32))
        assert image.size() == QSize(32, 32)
        assert (255, 0, 0) in colours(image), name  # solid red where the grey was
        assert MONO not in provider.svg(name, "ff0000")


def test_as_drawn_and_bad_requests():
    provider = IconProvider(resources.icons_dir())
    plain = provider.requestImage("chevron-right", QSize(), QSize(16, 16))
    assert (0xc9, 0xce, 0xd6) in colours(plain)
    assert provider.requestImage("chevron-right/not-a-colour", QSize(), QSize(16, 16)) == plain
    for bad in ("../../etc/passwd", "no-such-icon", ""):
        image = provider.requestImage(bad, QSize(), QSize())
        assert image.size() == QSize(16, 16) and not colours(image)  # transparent, no exception


def alpha_mask(image) -> set[tuple[int, int]]:
    return {(x, y) for x in range(image.width()) for y in range(image.height())
            if QColor.fromRgba(image.pixel(x, y)).alpha() > 128}


def test_font_awesome_action_icons_draw_real_glyphs_in_the_asked_colour():
    provider = IconProvider(resources.icons_dir(), resources.fonts_dir())
    fallback = provider.requestImage("action/ff0000", QSize(), QSize(32, 32))
    shapes = {}
    for name in ("wrench", "hand-o-up", "check", "fa-bug", "folder-o", "hand-pointer"):  # FA4 and FA5 names
        image = provider.requestImage("fa:%s/ff0000" % name, QSize(), QSize(32, 32))
        mask = alpha_mask(image)
        assert len(mask) > 60, name  # a glyph, not an empty image
        assert mask != alpha_mask(fallback), name  # the font's glyph, not the fallback
        assert (255, 0, 0) in colours(image), name  # in the theme's colour
        shapes[name] = frozenset(mask)
    assert len(set(shapes.values())) == len(shapes)  # each name its own glyph
    unknown = provider.requestImage("fa:no-such-icon-anywhere/ff0000", QSize(), QSize(32, 32))
    assert unknown == fallback  # an unknown name shows the current glyph


def test_font_awesome_names_resolve_across_versions():
    from pyblish_qml.app.shell.font_awesome import FontAwesome
    icons = FontAwesome(resources.fonts_dir())
    assert icons.lookup("wrench") == ("solid", 0xF0AD)
    assert icons.lookup("hand-o-up") == ("regular", 0xF0A6)  # FA4 name, FA5 regular
    assert icons.lookup("fa-check") == icons.lookup("check") == ("solid", 0xF00C)
    assert icons.lookup("fa5s.check") == ("solid", 0xF00C)
    assert icons.lookup("square-o") == ("regular", icons.lookup("square")[1])
    assert icons.lookup("") is None and icons.lookup("no-such-icon") is None
    assert (resources.fonts_dir() / "LICENSE").read_text().count("SIL OPEN FONT LICENSE Version 1.1") == 1
