"""Pictures decode at a lower priority than the window's frames (Linux).

Qt Quick reads and decodes every ``Image { asynchronous: true }`` on one thread of its own
(``QQuickPixmapReader``). Scrolling 10,000 rows whose pictures are all different keeps that
thread busy a whole core, and on a machine with two cores — shared with the DCC, a render —
the GUI thread waited for the CPU behind it: most of the slow scroll's frames over 16 ms were
that wait, not work of the window (docs/performance.md). Niced by 10, the thread gets the CPU
the window leaves; the pictures still come (a few frames later when the machine is busy), and
no frame waits for them. Qt gives no handle on that thread, so it is found by the name Qt
gives it; elsewhere than Linux this does nothing.

The history writer's thread shrinks each new instance picture for the record (``lowered`` wraps
that call): half a core for seconds after a 10,000-instance collection, exactly when the list is
scrolled. It runs niced the same way, from its first picture on (the thread is its own: a plain
Python thread, niced by its native id).

Thread: GUI thread (a timer looks for the reader until Qt has made it); ``lowered``'s function on
the thread that calls it.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Callable, TypeVar

from PySide6.QtCore import QObject, QTimer

READER = "QQuickPixmapRea"  # the thread's name as /proc shows it (15 characters)
NICE = 10
_TASKS = "/proc/self/task"
Result = TypeVar("Result")


def lower_reader_threads(nice: int = NICE) -> int:
    """Renice this process's image reader threads to ``nice``; how many were found."""
    if not sys.platform.startswith("linux") or not os.path.isdir(_TASKS):
        return 0
    found = 0
    for task in os.listdir(_TASKS):
        try:
            with open(os.path.join(_TASKS, task, "comm"), encoding="utf-8") as stream:
                name = stream.read().strip()
            if name.startswith(READER):
                found += 1
                if os.getpriority(os.PRIO_PROCESS, int(task)) < nice:
                    os.setpriority(os.PRIO_PROCESS, int(task), nice)
        except (OSError, ValueError):
            continue  # the thread ended, or the system refused: the pictures decode as before
    return found


def lower_this_thread(nice: int = NICE) -> bool:
    """Renice the calling thread (only it, Linux) to ``nice``; False where that cannot be done."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        thread = threading.get_native_id()
        if os.getpriority(os.PRIO_PROCESS, thread) < nice:
            os.setpriority(os.PRIO_PROCESS, thread, nice)
        return True
    except OSError:
        return False  # the system refused: the work runs as before


def lowered(work: Callable[[str], Result], nice: int = NICE) -> Callable[[str], Result]:
    """``work`` that, on each thread calling it, first lowers that thread to ``nice`` (once a thread)."""
    done = threading.local()

    def call(argument: str) -> Result:
        if not getattr(done, "lowered", False):
            done.lowered = True
            lower_this_thread(nice)
        return work(argument)

    return call


class ReaderPriority(QObject):
    """Looks for the reader every 2 s until Qt has made it (the first picture a view loads)."""

    TRIES = 150  # five minutes: a window that shows no picture by then has no reader to lower

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._tries = 0
        self._timer = QTimer(self)
        self._timer.setInterval(2000)
        self._timer.timeout.connect(self._look)
        if sys.platform.startswith("linux"):
            self._timer.start()

    def _look(self) -> None:
        self._tries += 1
        if lower_reader_threads() or self._tries >= self.TRIES:
            self._timer.stop()
