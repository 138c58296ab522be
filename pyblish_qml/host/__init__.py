"""The host side: the publishing service a DCC (or plain Python) runs for the UI.

Never imports Qt: it runs inside Maya, Nuke, Houdini and Blender next to their own Qt.
"""

from .dispatch import (
    WorkerThread,
    deregister_dispatch_wrapper,
    register_dispatch_wrapper,
    registered_dispatch_wrapper,
)
from .lifecycle import install, installed_port, show, uninstall
from .server import HostServer, url
from .service import HostService, ServiceError

__all__ = [
    "HostServer",
    "HostService",
    "ServiceError",
    "WorkerThread",
    "deregister_dispatch_wrapper",
    "install",
    "installed_port",
    "register_dispatch_wrapper",
    "registered_dispatch_wrapper",
    "show",
    "uninstall",
    "url",
]
