"""A stand-in DCC's main window: full screen, focused, titled like Blender's; prints its X window id.

``python tests/standins/dcc_window.py`` on a display with a window manager, as a DCC covering the
screen would be (issue 24: the publish window must not get lost behind it).
"""

import sys

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv[:1])
window = QLabel("Stand-in DCC (full screen)")
window.setWindowTitle("Blender [stand-in]")
palette = window.palette()
palette.setColor(QPalette.ColorRole.Window, QColor("#3d3d3d"))
window.setAutoFillBackground(True)
window.setPalette(palette)
window.showFullScreen()
window.activateWindow()
print(int(window.winId()), flush=True)
sys.exit(app.exec())
