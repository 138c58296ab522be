"""The Perspective page in the real window (Xvfb): a failed validator's error, thousands of records virtualised."""

from __future__ import annotations

from PySide6.QtCore import QMetaObject
from window_helpers import click, find, lookup, needs_display, publish_with_the_button, row, walk

pytestmark = needs_display
WINDOW = "demo"


def test_perspective_of_a_failed_validator_shows_its_error(window, qtbot, docs_image):
    publish_with_the_button(window, qtbot)
    target = row(window, "plugin:Normals face outward")
    click(window, find(window, "perspectiveButton", target))
    qtbot.waitUntil(lambda: lookup(window.window.contentItem(), "perspective") is not None, timeout=3000)
    page = find(window, "perspective")
    assert find(window, "perspectiveTitle").property("text") == "Normals face outward"
    assert "outward" in find(window, "documentation", page).property("text")
    qtbot.waitUntil(lambda: lookup(page, "perspectiveError") is not None, timeout=3000)
    error = find(window, "perspectiveError", page)
    assert "flipped normals" in error.property("text")
    qtbot.waitUntil(lambda: not find(window, "overviewStack").property("busy"), timeout=3000)  # pushed
    qtbot.wait(150)  # let the progress bar's own animation settle before the picture
    window.window.grabWindow().save(docs_image("perspective.png"))
    click(window, find(window, "backButton"))
    qtbot.waitUntil(lambda: find(window, "overviewStack").property("depth") == 1, timeout=3000)


def test_perspective_lists_thousands_of_records_virtualised(window, qtbot):
    """A chatty plugin's page stays light: only the visible records get delegates."""
    publish_with_the_button(window, qtbot)
    plugin = next(i for i in window.controller.models.plugin_model.items() if i["label"] == "Log at every level")
    logged = window.controller.models.itemLog
    window.controller.models.itemLog.itemFilter = plugin["id"]
    before = logged.rowCount()
    assert before >= 50  # what the real plugin logged in the host
    window.controller.models.terminal_model.append_items(
        {"id": "bulk%d" % i, "kind": "record", "levelno": 20, "levelname": "INFO", "message": "bulk %d" % i,
         "logger": "pyblish", "pluginId": plugin["id"], "pluginLabel": plugin["label"], "instanceId": "",
         "instanceLabel": "", "module": "m", "filename": "f.py", "pathname": "/f.py", "lineno": i,
         "funcName": "process", "threadName": "MainThread", "created": 0.0, "excText": ""} for i in range(3000))
    click(window, find(window, "perspectiveButton", row(window, "plugin:Log at every level")))
    qtbot.waitUntil(lambda: lookup(window.window.contentItem(), "perspectiveRecords") is not None, timeout=3000)
    records = find(window, "perspectiveRecords")
    qtbot.waitUntil(lambda: records.property("count") == before + 3000, timeout=3000)
    alive = sum(1 for item in walk(records) if item.objectName() == "perspectiveRecord")
    assert 0 < alive < 100
    qtbot.waitUntil(lambda: not find(window, "overviewStack").property("busy"), timeout=3000)  # laid out
    QMetaObject.invokeMethod(records, "positionViewAtEnd")
    qtbot.waitUntil(lambda: any(item.property("text") == "bulk 2999" for item in walk(records)
                                if item.objectName() == "perspectiveRecord"), timeout=3000)
    click(window, find(window, "backButton"))
    qtbot.waitUntil(lambda: find(window, "overviewStack").property("depth") == 1, timeout=3000)
