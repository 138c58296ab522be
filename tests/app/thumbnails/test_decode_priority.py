"""Qt's picture-reading thread is found by its name and niced behind the window's frames (Linux):
a real QML Image loads asynchronously, so Qt makes the thread, and /proc shows its new niceness."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtQml import QQmlComponent, QQmlEngine

from pyblish_qml.app.thumbnails.decode_priority import NICE, READER, lower_reader_threads, lowered
from pyblish_qml.app.thumbnails.image_jobs import shrunk

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


def test_the_history_shrinking_runs_niced_on_its_own_thread_only(tmp_path):
    picture = QImage(640, 360, QImage.Format.Format_RGB32)
    picture.fill(QColor("#3a6ea5"))
    picture.save(str(tmp_path / "p.png"))
    seen: list[tuple[int, int]] = []  # (native thread id, its niceness while it shrank)

    def shrink(path: str) -> tuple[str, bytes] | None:
        seen.append((threading.get_native_id(), os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
        return shrunk(path)

    work = lowered(shrink)
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    results: list = []
    writer = threading.Thread(target=lambda: results.extend([work(str(tmp_path / "p.png")),
                                                             work(str(tmp_path / "p.png"))]))
    writer.start()
    writer.join(10)
    assert [result[0] for result in results] == ["image/jpeg", "image/jpeg"]  # the pictures still come
    assert {nice for _, nice in seen} == {max(NICE, before)}
    assert seen[0][0] != threading.get_native_id()
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before  # the caller's own thread only
