"""A stand-in DCC that is also the pyblish host, as Blender is: a full-screen window and the host
service in one process, serving the walkaway suite with plugin work on its Qt main thread. It
sends no window id (Blender has no call for it): the UI finds the window by this process's pid.

Prints ``<X window id> <host port>`` once the window is up.
"""

import sys
from pathlib import Path

import pyblish.api
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

import pyblish_qml

SUITE = Path(__file__).resolve().parent.parent / "fixtures" / "suites" / "walkaway"


class MainThread(QObject):
    """The DCC's main-thread dispatch: a queued signal carries the job to the Qt main thread."""

    job = Signal(object)

    def __init__(self):
        super().__init__()
        self.job.connect(self._run)

    def _run(self, job):
        from pyblish_qml.host.dispatch import run_job

        run_job(job)

    def __call__(self, func, *args, **kwargs):
        from concurrent.futures import Future

        future = Future()
        self.job.emit((func, args, kwargs, future))
        return future.result()


app = QApplication(sys.argv[:1])
window = QLabel("Stand-in DCC, also the host (full screen)")
window.setWindowTitle("Blender [stand-in host]")
palette = window.palette()
palette.setColor(QPalette.ColorRole.Window, QColor("#3d3d3d"))
window.setAutoFillBackground(True)
window.setPalette(palette)
main_thread = MainThread()
pyblish.api.register_plugin_path(str(SUITE))
port = pyblish_qml.install(port=0, wrapper=main_thread)
window.showFullScreen()
window.activateWindow()
print(int(window.winId()), port, flush=True)
sys.exit(app.exec())
