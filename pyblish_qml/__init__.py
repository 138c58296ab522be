"""pyblish-qml: a Qt Quick publishing UI that drives pyblish plugins inside the host.

What a host (Maya, Nuke, Houdini, Blender, plain Python) imports: ``install``, ``uninstall``,
``show`` and ``register_dispatch_wrapper``. ``pyblish.api.register_gui("pyblish_qml")`` makes
pyblish call :func:`show`. Importing this package never imports Qt.
"""

from .host import install, register_dispatch_wrapper, show, uninstall
from .version import __version__, version

__all__ = ["__version__", "install", "register_dispatch_wrapper", "show", "uninstall", "version"]
