"""Thumbnails in the run record: the writer keeps each instance's ``data["thumbnail"]`` small in
SQLite (schema 7; a version 6 history migrates and keeps its runs), the store gives them back
with the run and on the History's rows, the JSON report carries them, and the HTML report shows
them inline — still one self-contained file — in a real headless Chromium."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from record_events import run_events

from pyblish_qml.app.thumbnails.image_jobs import shrunk
from pyblish_qml.record import schema
from pyblish_qml.record.html_page import html_page
from pyblish_qml.record.report import Report, is_image_uri
from pyblish_qml.record.store import RunStore
from pyblish_qml.record.writer import HistoryWriter

from test_record_html import CHROMIUM, FLAGS  # isort: skip


def solid(path: Path, colour: str, width: int = 1920, height: int = 1080) -> str:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    image.save(str(path))
    return str(path)


@pytest.fixture
def recorded(qapp, tmp_path) -> Path:
    """A publish of three instances, two with thumbnails (one of them a file that is gone), recorded."""
    events = run_events(instances=3, plugins=2)
    children = events[1].context["children"]
    children[0]["data"]["thumbnail"] = solid(tmp_path / "green.png", "#22c55e")
    children[2]["data"]["thumbnail"] = str(tmp_path / "gone.png")  # deleted since: nothing kept, no failure
    db = tmp_path / "history.sqlite3"
    writer = HistoryWriter(db, thumbnail=shrunk)
    writer.put(time.time(), "", events)
    assert writer.flush(30)
    writer.close()
    return db


def test_the_history_keeps_each_instances_thumbnail_small(recorded):
    connection = sqlite3.connect(str(recorded))
    rows = connection.execute("SELECT instance_id, mime, length(data) FROM thumbnails").fetchall()
    assert [(instance, mime) for instance, mime, _ in rows] == [("i0", "image/jpeg")]
    assert rows[0][2] < 8000  # a 1920×1080 PNG kept as a ~160 px JPEG
    report = RunStore(recorded).load(1)
    assert set(report.thumbnails) == {"i0"} and is_image_uri(report.thumbnails["i0"])
    again = Report.from_json(report.to_json())  # the JSON report carries them
    assert again.thumbnails == report.thumbnails
    run = RunStore(recorded).list_runs()[0]
    assert run.thumbnail == report.thumbnails["i0"]  # a History row shows it


def test_a_version_6_history_migrates_to_7_and_keeps_its_runs(tmp_path):
    db = tmp_path / "v6.sqlite3"
    old = sqlite3.connect(str(db), isolation_level=None)
    for script in schema.MIGRATIONS[:6]:
        for statement in schema._statements(script):
            old.execute(statement)
    old.execute("PRAGMA user_version=6")
    old.execute("INSERT INTO runs (op, started, outcome) VALUES ('publish', 1.0, 'passed')")
    old.close()
    connection = schema.connect(db)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 7
    assert connection.execute("SELECT op, outcome FROM runs").fetchall() == [("publish", "passed")]
    assert connection.execute("SELECT count(*) FROM thumbnails").fetchone()[0] == 0
    connection.close()
    assert RunStore(db).list_runs()[0].thumbnail == ""


def test_pruning_a_run_takes_its_thumbnails(recorded):
    from pyblish_qml.record import retention

    connection = sqlite3.connect(str(recorded), isolation_level=None)
    connection.execute("INSERT INTO runs (op, started, outcome) VALUES ('reset', ?, 'passed')", (time.time(),))
    assert retention.prune(connection, retention.Retention(max_runs=1)) == 1
    assert connection.execute("SELECT count(*) FROM thumbnails").fetchone()[0] == 0


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (scripts/bootstrap.sh --test)")
def test_the_html_report_shows_the_thumbnail_inline_in_chromium(recorded, tmp_path):
    report = RunStore(recorded).load(1)
    path = tmp_path / "report.html"
    path.write_text(html_page(report), encoding="utf-8")
    text = path.read_text()
    assert 'src="data:image/jpeg;base64,' in text and "gone.png" not in text.split("<script")[0]
    assert "file:" not in text.split('id="report-data"')[0]  # nothing outside the file
    shot = tmp_path / "shot.png"
    done = subprocess.run([CHROMIUM, *FLAGS, "--user-data-dir=%s" % (tmp_path / "profile"), "--hide-scrollbars",
                           "--window-size=900,700", "--screenshot=%s" % shot, path.as_uri()],
                          capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    image = QImage(str(shot))
    green = sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
                if _near(image.pixelColor(x, y), QColor("#22c55e")))
    assert green * 4 > 90 * 140, green  # the ~160×90 picture, drawn 90 px high (about 12,000 px of green)
    dom = subprocess.run([CHROMIUM, *FLAGS, "--user-data-dir=%s" % (tmp_path / "profile2"), "--dump-dom",
                          path.as_uri()], capture_output=True, text=True, timeout=90).stdout
    section = dom[dom.index('id="thumbnails"'):dom.index("</section>", dom.index('id="thumbnails"'))]
    assert "Thumbnails (1)" in section and "<figcaption>" in section


def _near(a: QColor, b: QColor, tolerance: int = 24) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < tolerance
