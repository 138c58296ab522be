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
from .scene import deregister_scene_probe, register_scene_probe
from .server import HostServer, url
from .service import HostService, ServiceError

__all__ = [
    "HostServer",
    "HostService",
    "ServiceError",
    "WorkerThread",
    "deregister_dispatch_wrapper",
    "deregister_scene_probe",
    "hide",
    "install",
    "installed_port",
    "publish",
    "quit",
    "register_dispatch_wrapper",
    "register_python_executable",
    "register_scene_probe",
    "registered_dispatch_wrapper",
    "show",
    "uninstall",
    "validate",
    "url",
]
