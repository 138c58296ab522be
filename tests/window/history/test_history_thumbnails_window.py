"""History rows show their run's thumbnail, in the real window (Xvfb) against a real host process
(the thumbnails suite): a collection whose instance carries an orange picture is recorded with its
small copy, and its History row draws that picture — read from the run record, decoded on Qt's
image thread (``asynchronous``), at the size drawn."""

from __future__ import annotations

import pytest
from helpers import HostProcess, free_port, isolated_env
from PySide6.QtGui import QColor, QImage
from window_helpers import click, close_to, find, lookup, needs_display, pixel

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences

pytestmark = needs_display
ORANGE = QColor("#e07b39")


@pytest.fixture
def ui(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("PYBLISH_QML_HISTORY_PATH", str(tmp_path / "history.sqlite3"))
    image = QImage(640, 360, QImage.Format.Format_RGB32)
    image.fill(ORANGE)
    image.save(str(tmp_path / "orange.png"))
    host = HostProcess("thumbnails", env=isolated_env(PYBLISH_TEST_LOG=str(tmp_path / "host.log"),
                                                      PYBLISH_TEST_THUMB=str(tmp_path / "orange.png")))
    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(tmp_path / "settings.json"))
    application.start()
    application.controller.show_host(host.port, {"WindowSize": [880, 640]})
    try:
        yield application
    finally:
        application.controller.history.back_to_live()
        application.shutdown()
        host.stop()


def test_a_history_row_shows_its_runs_thumbnail(ui, qtbot):
    controller = ui.controller
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset",
                    timeout=20000)
    assert ui.recorder.flush(5)
    ui.window.show()
    qtbot.waitExposed(ui.window)
    click(ui, find(ui, "tab:History"))
    qtbot.waitUntil(lambda: find(ui, "tab:History").property("checked"), timeout=3000)
    listing = find(ui, "historyList")
    qtbot.waitUntil(lambda: listing.property("count") >= 1, timeout=10000)
    row = find(ui, "historyRow:0", listing)
    image = find(ui, "historyThumbnail", row)
    qtbot.waitUntil(lambda: image.isVisible() and image.property("progress") == 1.0
                    and image.property("implicitWidth") > 0, timeout=5000)  # read and decoded
    assert image.property("sourceSize").width() == 112  # decoded at the size drawn (2x), not the stored size
    qtbot.waitUntil(lambda: close_to(pixel(ui, image), ORANGE, 30), timeout=3000)
    assert lookup(row, "historyThumbnail", visible_only=True) is image
