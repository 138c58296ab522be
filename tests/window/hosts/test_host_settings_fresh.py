"""What a host sends with show() (issue 23, point 7), in the real window with real host processes:
one host's title and context label do not stick to the next host that sends none, and a
WindowSize a host sends is honoured even after the artist's geometry was saved — once, so the
artist's later resize then stands."""

from __future__ import annotations

import xmlrpc.client

from helpers import free_port, isolated_env
from window_helpers import needs_display

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences

pytestmark = needs_display


def test_settings_start_fresh_per_host_and_a_sent_window_size_is_honoured(qapp, qtbot, tmp_path, monkeypatch,
                                                                          host_factory):
    monkeypatch.setenv("PYBLISH_QML_HISTORY", "0")
    preferences = Preferences(tmp_path / "ui.json")
    preferences.set("windowGeometry", [40, 40, 500, 480])  # the artist's own, saved earlier
    ui = Application(free_port(), mode="user", app=qapp, preferences=preferences)
    ui.start()
    ui.show()
    try:
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % ui.port, allow_none=True)
        controller = ui.controller

        def show(suite_host, settings: dict) -> None:
            assert proxy.show(suite_host.port, settings) is True
            qtbot.waitUntil(lambda: controller.host == suite_host.port and controller.status.state == State.Ready
                            and controller.run.last_op == "reset", timeout=20000)

        maya = host_factory("truth", env=isolated_env(PYBLISH_QML_PORT=str(ui.port)))
        show(maya, {"WindowTitle": "Publish shot 10", "ContextLabel": "Maya"})
        assert (controller.windowTitle, controller.contextLabel) == ("Publish shot 10", "Maya")
        assert ui.window.title() == "Publish shot 10"
        assert (ui.window.width(), ui.window.height()) == (500, 480)  # nothing sent: the artist's size

        plain = host_factory("discovery", env=isolated_env(PYBLISH_QML_PORT=str(ui.port)))
        show(plain, {"WindowSize": [720, 560]})
        assert (controller.windowTitle, controller.contextLabel) == ("Pyblish", "Context")  # not Maya's
        qtbot.waitUntil(lambda: ui.window.title() == "Pyblish", timeout=3000)
        qtbot.waitUntil(lambda: (ui.window.width(), ui.window.height()) == (720, 560), timeout=3000)

        ui.window.resize(800, 600)  # the artist resizes; the host shows again with the same size
        qtbot.waitUntil(lambda: ui.window.width() == 800, timeout=3000)
        show(plain, {"WindowSize": [720, 560]})
        qtbot.wait(100)
        assert (ui.window.width(), ui.window.height()) == (800, 600)

        show(maya, {"WindowTitle": "Publish shot 10", "ContextLabel": "Maya"})  # back: its own again
        assert controller.contextLabel == "Maya"
    finally:
        ui.shutdown()
