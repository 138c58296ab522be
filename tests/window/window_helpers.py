"""What the window tests share: the demo window, finding items, real clicks and keys, pixels.

The ``ui`` and ``window`` fixtures are in this folder's ``conftest.py``; a test module chooses the
window it gets with ``WINDOW = "demo"`` (880×640, the default) or ``WINDOW = "default"`` (the
documented 430×600, dark, search and selection cleared).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from helpers import REPO, free_port
from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences
from pyblish_qml.demo import start_mock_host, stop_mock_host

needs_display = pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (run under Xvfb)")
ARTIFACTS = REPO / "test-artifacts"
ROW = 26  # Theme.rowHeight
NONE = Qt.KeyboardModifier.NoModifier
FAILED = QColor("#e06c75")
PASSED = QColor("#7cc67a")


@contextlib.contextmanager
def demo_window(qapp, preferences: Path, **settings):
    """A real UI in this process showing the demo host (what ``--debug`` starts), then closed."""
    application = Application(free_port(), mode="debug", app=qapp, preferences=Preferences(preferences))
    application.start()
    host_port = start_mock_host(application.port)
    application.controller.show_host(host_port, {"ContextLabel": "Demo", **settings})
    try:
        yield application
    finally:
        stop_mock_host()
        application.shutdown()


# Finding items ------------------------------------------------------------------------------------

def walk(item: QQuickItem):
    yield item
    for child in item.childItems():
        yield from walk(child)


def row_held(item: QQuickItem) -> bool:
    """False for a delegate its list has let go: a list that reuses rows (``reuseItems``) keeps a
    pooled row in its content item with ``visible`` still true (Qt culls it: not drawn, not
    hidden), at the place it last had, so only the row the list holds at that place counts."""
    content = item.parentItem()
    view = content.parentItem() if content is not None else None
    if view is None or not view.property("reuseItems") or view.property("contentItem") != content:
        return True
    if item in (view.property("headerItem"), view.property("footerItem"), view.property("highlightItem")):
        return True  # the list's own, not a delegate: never pooled
    index = view.indexAt(item.x() + 1, item.y() + 1)
    held = QMetaObject.invokeMethod(view, "itemAtIndex", Q_RETURN_ARG(QQuickItem), Q_ARG(int, index))
    return index >= 0 and held == item


def drawn(item: QQuickItem) -> bool:
    """Visible and not a pooled row (see ``row_held``)."""
    return item.isVisible() and row_held(item)


def walk_drawn(item: QQuickItem):
    """``walk`` through drawn items only: nothing inside a hidden item or a pooled row."""
    if drawn(item):
        yield item
        for child in item.childItems():
            yield from walk_drawn(child)


def lookup(root: QQuickItem, name: str, visible_only: bool = False) -> QQuickItem | None:
    """Items by objectName through the visual tree (delegates are not QObject children); with
    ``visible_only``, only items drawn: visible, and not in a row its list has pooled."""
    return next((item for item in (walk_drawn(root) if visible_only else walk(root))
                 if item.objectName() == name), None)


def find(ui, name: str, root: QQuickItem | None = None) -> QQuickItem:
    """The first item of that name, visible or not; popups (menus, dialogs) from the overlay."""
    item = lookup(root or ui.window.contentItem().window().contentItem(), name)
    if item is None and root is None:
        item = ui.window.findChild(QQuickItem, name)
    assert item is not None, "no item named %r" % name
    return item


def find_visible(ui, name: str, root: QQuickItem | None = None):
    """A visible item of that name first, else any; popups and tooltips as QObjects."""
    item = lookup(root or ui.window.contentItem(), name, visible_only=True) or lookup(root or ui.window.contentItem(),
                                                                                      name)
    if item is None:  # popups (menus, dialogs, tooltips) are not in the item tree
        item = (root or ui.window).findChild(QObject, name)
    assert item is not None, "no item named %r" % name
    return item


def row(ui, name: str) -> QQuickItem:
    return find(ui, name)


def check_of(ui, row_name: str) -> QQuickItem:
    return find(ui, "statusCheck", row(ui, row_name))


def rect(item: QQuickItem) -> tuple[float, float, float, float]:
    corner = item.mapToScene(QPointF(0, 0))
    return corner.x(), corner.y(), item.width(), item.height()


def inside_window(ui, item: QQuickItem) -> bool:
    x, y, w, h = rect(item)
    return x >= 0 and y >= 0 and x + w <= ui.window.width() + 0.5 and y + h <= ui.window.height() + 0.5


def focus_of(ui) -> QQuickItem | None:
    return ui.window.activeFocusItem()


# Real input -------------------------------------------------------------------------------------

def centre(item: QQuickItem) -> QPoint:
    point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return QPoint(int(point.x()), int(point.y()))


def click(ui, item: QQuickItem, button=Qt.MouseButton.LeftButton, qtbot=None) -> None:
    assert item.isVisible(), "%s is not visible" % item.objectName()
    QTest.mouseClick(ui.window, button, Qt.KeyboardModifier.NoModifier, centre(item))


def press(ui, item) -> None:
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(item))


def key(ui, code, modifier=NONE) -> None:
    QTest.keyClick(ui.window, code, modifier)


def type_text(ui, text: str) -> None:
    """Real key presses into the focused field (QTest.keyClicks takes widgets only)."""
    for char in text:
        QTest.keyClick(ui.window, char)


def resize(ui, qtbot, width: int, height: int) -> None:
    ui.window.resize(width, height)
    qtbot.waitUntil(lambda: (ui.window.width(), ui.window.height()) == (width, height), timeout=3000)
    qtbot.wait(50)  # one frame for the layouts (polish) to follow the new size


def publish_with_the_button(ui, qtbot) -> None:
    click(ui, find(ui, "publishButton"))
    status = ui.controller.status
    qtbot.waitUntil(lambda: status.state == State.Ready and status.progress > 0, timeout=30000)
    tabs = find(ui, "tabs")
    if ui.controller.models.report_model.failed:  # a failed run shows its report: back to the lists
        qtbot.waitUntil(lambda: tabs.property("currentIndex") == 2, timeout=3000)
        click(ui, find(ui, "tab:Overview"))
        qtbot.waitUntil(lambda: tabs.property("currentIndex") == 0, timeout=3000)


# Menus ------------------------------------------------------------------------------------------

def popup(ui, qtbot, name: str):
    menu = ui.window.findChild(QObject, name)  # a popup: not in the item tree
    qtbot.waitUntil(lambda: menu.property("visible") and menu.property("opened") and _settled(menu), timeout=3000)
    return menu


def _items(menu) -> list:
    return [item for item in walk(menu.property("contentItem")) if item.inherits("QQuickMenuItem") and item.isVisible()]


def _settled(menu) -> bool:
    """Laid out: entries a model reset re-made (an instance menu's plugins) all sit at the place
    of their own once the menu's list has been polished (a frame later); until then they overlap."""
    items = _items(menu)
    return len({item.mapToScene(QPointF(0, 0)).y() for item in items if item.height() > 0}) == \
        len([item for item in items if item.height() > 0])


def entries(menu) -> dict:
    return {item.objectName() or item.property("text"): item for item in _items(menu)}


# Pixels and colours ---------------------------------------------------------------------------

def pixel(ui, item: QQuickItem) -> QColor:
    return ui.window.grabWindow().pixelColor(centre(item))


def darkest(ui, item: QQuickItem) -> int:
    """The lowest lightness inside an item's box on screen: is anything dark drawn there?"""
    frame = ui.window.grabWindow()
    corner = item.mapToScene(QPointF(0, 0))
    return min(frame.pixelColor(int(corner.x()) + x, int(corner.y()) + y).lightness()
               for x in range(int(item.width())) for y in range(int(item.height())))


def lit(ui, item) -> int:
    """How many pixels inside an item's box are drawn light (an icon's glyph on the dark menu)."""
    frame = ui.window.grabWindow()
    corner = item.mapToScene(QPointF(0, 0))
    return sum(1 for x in range(int(item.width())) for y in range(int(item.height()))
               if frame.pixelColor(int(corner.x()) + x, int(corner.y()) + y).lightness() > 150)


def close_to(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in ((a.red(), b.red()), (a.green(), b.green()),
                                                      (a.blue(), b.blue())))


def theme(ui) -> QObject:
    return ui.engine.singletonInstance("Pyblish", "Theme")


def colour(ui, name: str) -> QColor:
    return QColor(theme(ui).property(name))


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def shot(ui, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    ui.window.grabWindow().save(str(ARTIFACTS / ("%s.png" % name)))


@contextlib.contextmanager
def host_window(qapp, folder: Path, suite: str, settings: dict | None = None, **env: str):
    """A real UI in this process showing a real host process serving ``suite`` (``show`` with
    ``settings``); ``.log`` is the host's plugin log (PYBLISH_TEST_LOG), ``.folder`` the test's folder."""
    from helpers import HostProcess, isolated_env

    log = folder / "host.log"
    host = HostProcess(suite, env=isolated_env(PYBLISH_TEST_LOG=str(log), **env))
    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(folder / "settings.json"))
    application.start()
    application.controller.show_host(host.port, {"ContextLabel": "Shots"} if settings is None else settings)
    application.log = log
    application.folder = folder
    try:
        yield application
    finally:
        application.shutdown()
        host.stop()


def fresh_after_reset(shown, qtbot):
    """The window of :func:`host_window` collected afresh (a Reset unless the last run was one),
    its host log emptied, shown and exposed."""
    controller = shown.controller
    qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=20000)
    if controller.run.last_op != "reset":
        controller.reset()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset",
                        timeout=20000)
    shown.log.write_text("")
    shown.window.show()
    qtbot.waitExposed(shown.window)
    return shown
