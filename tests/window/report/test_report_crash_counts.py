"""Crash or failure, and one count everywhere (issue 23, points 2 and 4), in the real window
against a real host process and a real SQLite history.

A validator that raises ``KeyError('paths')`` is a pipeline bug: the Report shows it apart as
"crashed — a pipeline error, not yours" with its type and file/line, the footer names it, and
"Copy report for your TD" puts the report on the clipboard. The same run counts the same in the
window, History, the JSON file, the HTML page and the text report. Screenshots go to docs/ with
PYBLISH_QML_UPDATE_DOCS=1.
"""

from __future__ import annotations

import xmlrpc.client

from helpers import REPO, free_port, isolated_env
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from window_helpers import click, find, needs_display, resize, walk

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences
from pyblish_qml.record.html_page import html_page
from pyblish_qml.record.report import Report
from pyblish_qml.record.store import RunStore
from pyblish_qml.record.summary import counts_line, text_summary

pytestmark = needs_display
FOOTER = ("Validation found errors: Normals face outward failed on Chair; Texture paths crashed (KeyError)"
          " — a pipeline error, not yours: copy the report for your TD.")


def texts(root) -> list[str]:
    return [str(item.property("text")) for item in walk(root) if item.isVisible() and item.property("text")]


def test_a_crash_is_not_a_failure_and_every_reader_counts_the_run_alike(qapp, qtbot, tmp_path, monkeypatch,
                                                                        host_factory, docs_image):
    history = tmp_path / "history.sqlite3"
    monkeypatch.setenv("PYBLISH_QML_HISTORY_PATH", str(history))
    ui = Application(free_port(), mode="user", app=qapp, preferences=Preferences(tmp_path / "settings.json"))
    ui.start()
    try:
        host = host_factory("truth", env=isolated_env(PYBLISH_QML_PORT=str(ui.port)))
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % ui.port, allow_none=True)
        assert proxy.show(host.port, {"ContextLabel": "Maya"}) is True
        controller, status = ui.controller, ui.controller.status
        qtbot.waitUntil(lambda: status.state == State.Ready and controller.models.instance_model.rowCount() == 5,
                        timeout=20000)
        resize(ui, qtbot, 880, 640)
        click(ui, find(ui, "validateButton"))
        qtbot.waitUntil(lambda: status.state == State.Ready and status.progress > 0, timeout=20000)
        assert status.message == FOOTER

        # the Report: the failure under Errors, the crash apart, with its type and where it broke
        qtbot.waitUntil(lambda: find(ui, "tabs").property("currentIndex") == 2, timeout=3000)
        page = find(ui, "reportPage")
        crash = find(ui, "reportGroup:crash:Texture paths", page)
        failure = find(ui, "reportGroup:error:Normals face outward", page)
        qtbot.waitUntil(lambda: crash.isVisible() and failure.y() < crash.y(), timeout=3000)
        assert find(ui, "reportCount", crash).property("text") == "crashed — a pipeline error, not yours"
        said = "\n".join(texts(crash))
        assert "KeyError: 'paths'\nat plugins.py:38 in process" in said  # the plugin's own line
        assert find(ui, "tab:Report").property("text") == "Report (2)"
        report = controller.models.report
        assert (report.errorCount, report.crashCount, report.warningCount) == (1, 1, 4)
        headings = [t for t in texts(page) if t.startswith(("Errors ·", "Crashed ·", "Warnings ·"))]
        assert headings == ["Errors · 1 plugin", "Crashed · 1 plugin", "Warnings · 4 messages"]

        QTest.mouseMove(ui.window, QPoint(5, ui.window.height() - 5))
        for theme in ("dark", "light"):
            controller.preferences.setTheme(theme)
            for width, height, wide in ((430, 600, ""), (1400, 900, "-wide")):
                resize(ui, qtbot, width, height)
                qtbot.wait(400)
                name = "report-crash%s%s.png" % ("-light" if theme == "light" else "", wide)
                ui.window.grabWindow().save(docs_image(name))
        controller.preferences.setTheme("dark")
        resize(ui, qtbot, 880, 640)

        # "Copy report for your TD", right there
        assert ui.recorder.flush(5)
        QGuiApplication.clipboard().clear()
        click(ui, find(ui, "reportCopyForTd", crash))
        qtbot.waitUntil(lambda: QGuiApplication.clipboard().text().startswith("Pyblish report: Validate"),
                        timeout=5000)
        copied = QGuiApplication.clipboard().text()
        assert "Crashed — a pipeline error" in copied and "KeyError: 'paths'" in copied

        # one count: History, the JSON file, the HTML page and the text report say what the window says
        store = RunStore(history)
        run = store.list_runs(limit=1)[0]
        assert run.op == "validate" and (run.errors, run.crashed, run.warnings) == (1, 1, 4)
        recorded = store.load(run.id)
        store.close()
        again = Report.from_json(recorded.to_json())
        counts = again.counts()
        assert (counts["failed"], counts["crashed"], counts["warnings"]) == (1, 1, 4)
        line = counts_line(again)
        assert line.startswith("4 pairs run, 1 failed, 1 crashed (a pipeline error); 4 warnings")
        page_html = html_page(again)
        assert line in page_html.replace("&#x27;", "'") and line in text_summary(again)
        assert "Chair has 12 flipped normals:\n  |Chair|geo.f[3]" in text_summary(again).replace("\n      ", "\n")
        assert "error: but not fatal" in page_html.split('id="warnings"')[1].split("</section>")[0]
        assert "critical: only a demo" in page_html.split('id="warnings"')[1].split("</section>")[0]
        assert "propLamp" in page_html and "Toggled off" in page_html  # what the artist left out
        assert "pyblish-qml" in page_html.split("</header>")[0]  # the versions, in view

    finally:
        (REPO / "test-artifacts").mkdir(exist_ok=True)
        ui.window.grabWindow().save(str(REPO / "test-artifacts" / "report-crash-counts.png"))
        ui.shutdown()
