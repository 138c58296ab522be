"""The window's geometry (Xvfb): a restored geometry fits the screen, the minimum size where everything fits."""

from __future__ import annotations

from window_helpers import ROW, inside_window, needs_display, resize
from window_helpers import find_visible as find

from pyblish_qml.app.application import fit_geometry

pytestmark = needs_display
WINDOW = "default"


def test_restored_geometry_is_fitted_to_the_screen(window, qtbot):
    available = window.window.screen().availableGeometry()
    window.preferences.set("windowGeometry", [available.right() - 50, available.bottom() - 50,
                                              available.width() * 2, available.height() * 2])
    try:
        window._restore_geometry()
        qtbot.waitUntil(lambda: window.window.height() <= available.height(), timeout=3000)
        x, y, w, h = window.window.x(), window.window.y(), window.window.width(), window.window.height()
        assert available.left() <= x and x + w <= available.right() + 1
        assert available.top() <= y and y + h <= available.bottom() + 1
        assert fit_geometry((-500, 10, 300, 200), (0, 0, 1600, 1000), (400, 420)) == (0, 10, 400, 420)
    finally:
        window.preferences.set("windowGeometry", None)
        resize(window, qtbot, 430, 600)


def test_the_window_has_a_minimum_size_where_everything_fits(window, qtbot):
    # the window manager keeps the window at least this big (Xvfb has none, so no resize below it here)
    assert (window.window.minimumWidth(), window.window.minimumHeight()) == (400, 420)
    resize(window, qtbot, 400, 420)
    for name in ("resetButton", "validateButton", "publishButton", "stopButton", "commentButton", "searchField"):
        assert inside_window(window, find(window, name)), "%s is clipped at the minimum size" % name
    assert find(window, "instanceList").height() >= 3 * ROW and find(window, "pluginList").height() >= 3 * ROW
