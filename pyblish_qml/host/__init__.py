"""The host side: the publishing service a DCC (or plain Python) runs for the UI.

Never imports Qt: it runs inside Maya, Nuke, Houdini and Blender next to their own Qt, in
their own Python (3.7+: ``tests/host/test_host_pythons.py`` keeps it so).
"""

from .commands import hide, publish, quit, validate  # noqa: A004 - pyblish-qml 1.x names
from .dispatch import (
    WorkerThread,
    deregister_dispatch_wrapper,
    register_dispatch_wrapper,
    registered_dispatch_wrapper,
)
from .lifecycle import install, installed_port, register_python_executable, show, uninstall
from .server import HostServer, url
from .service import HostService, ServiceError

__all__ = [
    "HostServer",
    "HostService",
    "ServiceError",
    "WorkerThread",
    "deregister_dispatch_wrapper",
    "hide",
    "install",
    "installed_port",
    "publish",
    "quit",
    "register_dispatch_wrapper",
    "register_python_executable",
    "registered_dispatch_wrapper",
    "show",
    "uninstall",
    "validate",
    "url",
]
