"""The icon provider: monochrome icons in any colour, without shader effects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from pyblish_qml import resources
from pyblish_qml.app.icons import MONO, IconProvider

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
