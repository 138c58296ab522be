"""The history writer reads a picture that several instances share once per run (it is read and
shrunk on the writer thread, which shares the machine's cores with the window's GUI thread; the
scroll benchmark's 10,000 instances share 2,000 pictures), and still keeps it for each of them."""

from __future__ import annotations

import sqlite3
import time

from PySide6.QtGui import QColor, QImage
from record_events import run_events

from pyblish_qml.app.thumbnails.image_jobs import shrunk
from pyblish_qml.record.writer import HistoryWriter


def test_a_shared_picture_is_read_once_per_run_and_kept_for_every_instance(qapp, tmp_path):
    picture = tmp_path / "shared.png"
    image = QImage(640, 360, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a6ea5"))
    image.save(str(picture))
    events = run_events(instances=4, plugins=1)
    for child in events[1].context["children"][:3]:
        child["data"]["thumbnail"] = str(picture)
    reads: list[str] = []

    def counted(path: str):
        reads.append(path)
        return shrunk(path)

    db = tmp_path / "history.sqlite3"
    writer = HistoryWriter(db, thumbnail=counted)
    writer.put(time.time(), "", events)
    assert writer.flush(30)
    writer.close()
    assert reads == [str(picture)]
    rows = sqlite3.connect(str(db)).execute("SELECT instance_id FROM thumbnails ORDER BY instance_id").fetchall()
    assert [r[0] for r in rows] == ["i0", "i1", "i2"]
