"""The host's capture hook: the window's "Capture" button asks the DCC for a picture of its scene.

The window runs in its own process, so it cannot render the DCC's viewport itself; an integration
registers a function that can (Blender: an OpenGL render of the viewport; Maya: a one-frame
playblast; Nuke: the viewer's image; docs/thumbnails.md). The window asks with
``update("pyblishQmlCapture", {"path": ..., "instance": name})`` on the Context: the service
hands the request to the hook instead of storing it, the hook writes an image file at ``path``,
and the window reads it from there once the call returns. ``context()`` stamps
``context.data["pyblishQmlCapture"] = True`` when a hook is registered, so the window offers the
button only where it works.

Host side, pure Python 3.7+: no Qt, nothing of the window. Thread: the host's dispatch thread
(the DCC's main thread in an integration), where a DCC's render calls must run.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Callable, Optional

from ..options import CAPTURE_KEY

log = logging.getLogger(__name__)

KEY = CAPTURE_KEY

Capture = Callable[[str, Optional[str]], Any]  # (path to write, instance name or None) -> anything

_hook: Capture | None = None


def register_capture(func: Capture | None) -> None:
    """Capture this way: ``func(path, instance_name)`` writes an image (PNG or JPEG) at ``path``.

    One hook per host process; registering again replaces it, ``None`` removes it."""
    global _hook
    _hook = func


def deregister_capture() -> None:
    register_capture(None)


def offered() -> bool:
    return _hook is not None


def capture(request: Any) -> None:
    """Run the hook for the window's request; a failing hook is logged, never raised (the window
    sees no file and says the capture failed)."""
    if _hook is None or not isinstance(request, dict) or not isinstance(request.get("path"), str):
        log.warning("a capture was asked for, but %s", "no capture hook is registered" if _hook is None
                    else "the request is malformed: %r" % (request,))
        return
    path = request["path"]
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        os.makedirs(folder)
    try:
        _hook(path, request.get("instance") or None)
    except Exception as error:
        log.warning("the capture hook failed: %s", error, exc_info=True)
