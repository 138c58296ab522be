"""Entry script for the standalone bundle (pyside6-deploy / Nuitka): the GUI entry point."""

import sys

from pyblish_qml.app.main import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
