"""Qt's picture-reading thread is found by its name and niced behind the window's frames (Linux):
a real QML Image loads asynchronously, so Qt makes the thread, and /proc shows its new niceness."""

from __future__ import annotations

import os
import sys

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtQml import QQmlComponent, QQmlEngine

from pyblish_qml.app.thumbnails.decode_priority import NICE, READER, lower_reader_threads

pytestmark = [pytest.mark.usefixtures("qapp"),
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="threads by name: Linux")]


def readers() -> dict[int, int]:
    found = {}
    for task in os.listdir("/proc/self/task"):
        try:
            with open("/proc/self/task/%s/comm" % task, encoding="utf-8") as stream:
                if stream.read().startswith(READER):
                    found[int(task)] = os.getpriority(os.PRIO_PROCESS, int(task))
        except OSError:
            continue
    return found


def test_the_image_reader_thread_is_niced_once_qt_has_made_it(qtbot, tmp_path):
    picture = QImage(64, 36, QImage.Format.Format_RGB32)
    picture.fill(QColor("#3a6ea5"))
    picture.save(str(tmp_path / "p.png"))
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(b"import QtQuick\nImage { asynchronous: true; source: '%s' }"
                      % (tmp_path / "p.png").as_uri().encode(), "file:///reader.qml")
    image = component.create()
    assert image is not None, component.errorString()
    qtbot.waitUntil(lambda: image.property("progress") == 1.0, timeout=5000)
    assert readers(), "Qt's reader thread is no longer named %r: the lookup needs the new name" % READER
    assert lower_reader_threads() >= 1
    assert set(readers().values()) == {max(NICE, os.getpriority(os.PRIO_PROCESS, 0))}
    assert lower_reader_threads() >= 1  # again: nothing changes, nothing fails
