"""Benchmark: the window's launch -> first frame -> "ready" on the mock host, and 10,000 records.

    xvfb-run -a .venv/bin/python tests/benchmarks/window_bench.py [--records 100000] [--tree /tmp/perf-base]

``--tree`` runs another checkout's package (a baseline) with this script.

Measured in-process from before PySide6 is imported. The terminal part appends 10,000 records
in one batch (as the controller's batching would), then times the frames it takes to show the
terminal, jump to the top and back to the end, and to filter the records by text.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import Q_ARG, QEventLoop, QMetaObject, QTimer  # noqa: E402
from PySide6.QtQuick import QQuickItem  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def _option(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


RECORDS = int(_option("--records", "10000"))
sys.path.insert(0, str(Path(_option("--tree", str(Path(__file__).resolve().parents[2]))).resolve()))
sys.path.insert(1, str(Path(__file__).resolve().parent))

from publish_bench import free_port  # noqa: E402 - this folder is on sys.path when run as a script


def main() -> int:
    from pyblish_qml.app.application import Application
    from pyblish_qml.app.live.state import State
    from pyblish_qml.app.shell.preferences import Preferences
    from pyblish_qml.demo import start_mock_host, stop_mock_host

    app = QApplication(sys.argv[:1])
    marks: dict[str, float] = {}
    application = Application(free_port(), mode="debug", app=app,
                              preferences=Preferences(Path(tempfile.mkdtemp()) / "settings.json"))
    window = application.window
    window.frameSwapped.connect(lambda: marks.setdefault("first frame", time.perf_counter() - START))
    application.start()
    port = start_mock_host(application.port)
    application.controller.show_host(port, {"WindowSize": [880, 640]})

    def wait(condition, timeout=30.0):
        deadline = time.perf_counter() + timeout
        while not condition() and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    wait(lambda: application.controller.status.state == State.Ready and "first frame" in marks)
    marks["ready"] = time.perf_counter() - START

    def frame_after(action) -> float:
        swapped = []
        connection = window.frameSwapped.connect(lambda: swapped.append(time.perf_counter()))
        begin = time.perf_counter()
        action()
        window.update()
        wait(lambda: bool(swapped))
        window.frameSwapped.disconnect(connection)
        return (swapped[0] - begin) * 1000

    chatty = application.controller.models.plugin_model.items()[0]["id"]  # all 10,000 records "belong" to one plugin
    records = [{"id": "bench%d" % i, "kind": "record", "levelno": (10, 20, 30, 40)[i % 4], "levelname": "INFO",
                "message": "record %d: ünïcode ✓ some message text of a typical length" % i, "logger": "pyblish.X",
                "pluginId": chatty, "pluginLabel": "Bench", "instanceId": "", "instanceLabel": "item%d" % (i % 100),
                "module": "m", "filename": "f.py", "pathname": "/f.py", "lineno": i, "funcName": "process",
                "threadName": "MainThread", "created": time.time(), "excText": ""} for i in range(RECORDS)]
    begin = time.perf_counter()
    application.controller.models.terminal_model.append_items(records)
    append_ms = (time.perf_counter() - begin) * 1000

    tabs = next(i for i in _walk(window.contentItem()) if i.objectName() == "tabs")
    show_ms = frame_after(lambda: tabs.setProperty("currentIndex", 1))
    terminal_list = next(i for i in _walk(window.contentItem()) if i.objectName() == "terminalList")
    top_ms = frame_after(lambda: QMetaObject.invokeMethod(terminal_list, "positionViewAtBeginning"))
    end_ms = frame_after(lambda: QMetaObject.invokeMethod(terminal_list, "positionViewAtEnd"))
    begin = time.perf_counter()
    application.controller.models.terminal.filterText = "record 99"
    filter_ms = (time.perf_counter() - begin) * 1000
    shown = application.controller.models.terminal.rowCount()
    delegates = sum(1 for i in _walk(terminal_list) if i.metaObject().className().startswith("TerminalRow"))
    filter_frame_ms = frame_after(lambda: None) + filter_ms  # the filtered rows on screen
    clear_ms = frame_after(lambda: setattr(application.controller.models.terminal, "filterText", ""))
    level_ms = frame_after(lambda: application.controller.models.terminal.setLevelEnabled("debug", False))
    application.controller.models.terminal.setLevelEnabled("debug", True)

    # The Perspective page of the plugin that owns all 10,000 records.
    tabs.setProperty("currentIndex", 0)
    perspective_ms = frame_after(lambda: QMetaObject.invokeMethod(
        window, "openPerspective", Q_ARG("QString", "plugin"), Q_ARG("QString", chatty)))
    records_list = next(i for i in _walk(window.contentItem()) if i.objectName() == "perspectiveRecords")
    perspective_end_ms = frame_after(lambda: QMetaObject.invokeMethod(records_list, "positionViewAtEnd"))
    perspective_rows = records_list.property("count")
    perspective_delegates = sum(1 for i in _walk(records_list) if i.objectName() == "perspectiveRecord")

    print("launch -> first frame  %6.0f ms" % (marks["first frame"] * 1000))
    print("launch -> ready (mock host collected) %6.0f ms" % (marks["ready"] * 1000))
    print("%d records: append %.0f ms, show terminal %.0f ms, jump to top %.0f ms, to end %.0f ms, "
          "text filter %.0f ms (%d rows match; %.0f ms to its frame), clear it %.0f ms, a level off %.0f ms "
          "(to the frame), %d row delegates alive" % (
              RECORDS, append_ms, show_ms, top_ms, end_ms, filter_ms, shown, filter_frame_ms, clear_ms, level_ms,
              delegates))
    print("RSS %.0f MB" % _rss_mb())
    print("perspective of their plugin: open %.0f ms, jump to end %.0f ms, %d records listed, %d delegates alive" % (
        perspective_ms, perspective_end_ms, perspective_rows, perspective_delegates))
    stop_mock_host()
    application.shutdown()
    QTimer.singleShot(0, app.quit)
    return 0


def _rss_mb() -> float:
    with open("/proc/self/status") as stream:
        return next(int(line.split()[1]) for line in stream if line.startswith("VmRSS")) / 1024


def _walk(item: QQuickItem):
    yield item
    for child in item.childItems():
        yield from _walk(child)


if __name__ == "__main__":
    sys.exit(main())
