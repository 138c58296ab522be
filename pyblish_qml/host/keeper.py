"""What the artist set in the window, kept with the scene: toggles and option values (docs/options.md).

The window sends ``update("pyblishQmlKept", value)`` on the Context whenever the artist toggles
something or edits an option; the host service hands it to the registered keeper instead of the
Context's data. At every ``context()`` (a Reset) the keeper's value, if any, is stamped into
``context.data["pyblishQmlKept"]`` and the window applies it once collection ends. So toggles and
options survive a Reset, and a restart of the window and of the host when the keeper writes them
somewhere lasting.

A keeper is two functions, ``load(context) -> dict or None`` and ``save(context, value)``.
Integrations register their own (integrations/keepers.py: Maya's fileInfo, a hidden knob on
Nuke's root, user data on Houdini's root node; Blender: a custom property on the scene); :func:`sidecar` keeps
them in one JSON file (the standalone host's ``--keep FILE``); with no keeper registered,
:func:`user_folder` keeps them per scene file (the one :func:`register_scene_file` reports; the
integrations register theirs) in the per-user data folder, and keeps nothing without one.

Host side, pure Python 3.7+: no Qt, nothing of the window. Thread: the host's dispatch thread.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from typing import Any, Callable, Optional

from ..options import KEPT_KEY

log = logging.getLogger(__name__)

KEY = KEPT_KEY

Load = Callable[[Any], Optional[dict]]
Save = Callable[[Any, dict], None]

_keeper: tuple | None = None
_scene_file: Callable[[], str] | None = None


def register_keeper(load: Load, save: Save) -> None:
    """Keep toggles and options with the scene this way (one keeper per host process)."""
    global _keeper
    _keeper = (load, save)


def deregister_keeper() -> None:
    global _keeper
    _keeper = None


def registered_keeper() -> tuple | None:
    """The registered ``(load, save)``, None when the default keeper keeps them."""
    return _keeper


def register_scene_file(func: Callable[[], str] | None) -> None:
    """How the default keeper learns the scene file before collectors run (integrations)."""
    global _scene_file
    _scene_file = func


def registered_scene_file() -> Callable[[], str] | None:
    return _scene_file


def load(context: Any) -> dict | None:
    """What was kept for this scene, or None; a keeper that fails is logged, never raised."""
    loader = _keeper[0] if _keeper else _user_load
    try:
        value = loader(context)
    except Exception as error:
        log.warning("could not read what the window kept for this scene: %s", error)
        return None
    return value if isinstance(value, dict) else None


def save(context: Any, value: Any) -> None:
    saver = _keeper[1] if _keeper else _user_save
    try:
        saver(context, value if isinstance(value, dict) else {})
    except Exception as error:
        log.warning("could not keep the window's toggles and options with the scene: %s", error)


# ---------------------------------------------------------------------- keepers


def sidecar(path: str) -> tuple:
    """A keeper writing one JSON file (the plain Python host's scene is its sidecar)."""
    def load_file(context: Any) -> dict | None:
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)

    def save_file(context: Any, value: dict) -> None:
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            os.makedirs(folder)
        temporary = path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(value, handle, indent=1, sort_keys=True)
        os.replace(temporary, path)  # never half a file

    return load_file, save_file


def user_folder() -> str:
    """``pyblish-qml/kept`` in the per-user data folder."""
    try:
        import platformdirs
        base = platformdirs.user_data_dir("pyblish-qml", appauthor=False)
    except ImportError:  # a DCC's Python without platformdirs
        base = os.path.join(os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "pyblish-qml")
    return os.path.join(base, "kept")


def _scene_path(context: Any) -> str:
    # Not context.data["currentFile"]: collectors set it after context() has loaded, so a choice
    # saved under it could never be found again at the next Reset.
    return str(_scene_file() or "") if _scene_file is not None else ""


def _user_path(context: Any) -> str:
    scene = _scene_path(context)
    if not scene:
        return ""
    name = hashlib.sha1(os.path.abspath(scene).encode("utf-8")).hexdigest()[:16]
    return os.path.join(user_folder(), name + ".json")


def _user_load(context: Any) -> dict | None:
    path = _user_path(context)
    return sidecar(path)[0](context) if path else None


def _user_save(context: Any, value: dict) -> None:
    path = _user_path(context)
    if path:
        sidecar(path)[1](context, dict(value, scene=_scene_path(context)))
