"""``python -m pyblish_qml``: the UI process (see ``pyblish_qml.app.main``)."""

import sys

from pyblish_qml.app.main import main

sys.exit(main())
