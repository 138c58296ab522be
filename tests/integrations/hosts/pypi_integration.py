"""A public integration from PyPI drives this window through its own setup() and show(), unchanged.

``python pypi_integration.py houdini|photoshop``, with the integration (installed from PyPI) and
stand-ins for the DCC's Python API (``hou``; ``photoshop.api``) on PYTHONPATH:

- pyblish-houdini 1.1.2: ``setup()`` registers its plug-ins and hosts, ``show()`` calls
  ``__import__(gui).show`` for the last registered GUI.
- pyblish-photoshop 0.1.0: ``show()`` does ``app = __import__("pyblish_qml")``, sets
  ``app.settings.WindowTitle`` and calls ``app.show()``.

Prints "shown" and then keeps the host up until stdin closes.
"""
import logging
import sys

import pyblish.api

logging.basicConfig(level=logging.INFO, format="%(name)s %(levelname)s %(message)s")
which = sys.argv[1]
pyblish.api.register_gui("pyblish_qml")
if which == "houdini":
    import pyblish_houdini

    pyblish_houdini.setup()
    pyblish_houdini.show()
else:
    from pyblish_photoshop import app

    app.setup()
    app.show()
print("shown", flush=True)
sys.stdin.read()
