"""Where Maya, Nuke and Houdini keep the window's toggles and options with their scene (docs/options.md).

The window's choice (``pyblishQmlKept``, host/keeper.py) is a small dict; each DCC keeps it in
its scene file under the name ``pyblish_qml_kept``:

- Maya: a ``fileInfo`` entry. Maya hands a value back MEL-escaped (quotes and backslashes), so
  the keeper writes the JSON as base64 text, which has nothing to escape.
- Nuke: a hidden (``INVISIBLE``) text knob on the root, added when first written; base64 JSON
  too (a knob's text goes through Tcl quoting in the .nk). Writing it leaves the script's
  modified flag as it was: the window's "scene changed since validation" reads that flag.
- Houdini: user data on the root node ``/``, as JSON text. Houdini marks the .hip changed and has
  no call to unmark it: the host service writes through host/scene.py's ``quiet``, so the window
  does not take its own write for the artist's change (Houdini asks to save, which keeps them).

Each integration's ``setup()`` also registers its scene file (host/keeper.py's
``register_scene_file``), so the default per-user keeper works when a TD deregisters the scene
one. What cannot be read back is logged and ignored: the window starts from what collection
gave. Plain JSON written by hand is read too, MEL-escaped or not.

The DCC's modules are imported when a keeper runs, not when ``setup()`` makes it (a DCC's startup
script may run before all of them load).

Host side, Python 3.7+. Thread: the DCC's main thread (the host's dispatch runs keepers there).
"""

from __future__ import annotations

import base64
import json
import logging
import re
from typing import TYPE_CHECKING, Any, Callable

from ..host import keeper as _keeper

if TYPE_CHECKING:  # the stubs' types (types-houdini); at run time hou is imported inside Houdini only
    import hou

log = logging.getLogger(__name__)

NAME = "pyblish_qml_kept"  # the fileInfo key, the root knob, the user data entry (and Blender's property)
LABEL = "pyblish-qml kept"  # the knob's label, should a TD make it visible

_ours: list = [None, None]  # the (load, save) and the scene file function this module registered


# ---------------------------------------------------------------------- the text kept


def as_json(value: dict) -> str:
    """Sorted JSON, ASCII only: no control character, no non-ASCII byte reaches the DCC."""
    return json.dumps(value, sort_keys=True, ensure_ascii=True)


def as_base64(value: dict) -> str:
    """The JSON as base64: letters, digits, ``+/=``, nothing MEL or Tcl would escape."""
    return base64.b64encode(as_json(value).encode("ascii")).decode("ascii")


def _mel_unescaped(text: str) -> str:
    return re.sub(r"\\(.)", lambda found: {"n": "\n", "t": "\t", "r": "\r"}.get(found.group(1), found.group(1)),
                  text, flags=re.DOTALL)


def parse(text: Any, where: str) -> dict | None:
    """What ``text`` keeps (base64 or plain JSON, MEL-escaped or not); None, logged, when it is
    not a kept choice. Never raises: a scene with a damaged value opens as if nothing was kept."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        if not isinstance(text, str):
            raise ValueError("a %s, not text" % type(text).__name__)
        text = text.strip()
        if text.startswith("{"):
            try:
                value = json.loads(text)
            except ValueError:
                value = json.loads(_mel_unescaped(text))
        else:
            value = json.loads(base64.b64decode(text, validate=True).decode("utf-8"))
        if not isinstance(value, dict):
            raise ValueError("a JSON %s, not an object" % type(value).__name__)
    except ValueError as error:
        log.warning("ignored %s: it does not hold the window's toggles and options (%s)", where, error)
        return None
    return value


# ---------------------------------------------------------------------- registering


def register(load_save: tuple, scene_file: Callable[[], str]) -> None:
    """An integration's ``setup()``: keep with the scene this way; the default keeper's scene file."""
    _keeper.register_keeper(*load_save)
    _keeper.register_scene_file(scene_file)
    _ours[:] = [tuple(load_save), scene_file]


def deregister() -> None:
    """An integration's ``teardown()``: remove what :func:`register` registered, and only that
    (a TD's own keeper, registered after ``setup()``, stays)."""
    load_save, scene_file = _ours
    if load_save is not None and _keeper.registered_keeper() == load_save:
        _keeper.deregister_keeper()
    if scene_file is not None and _keeper.registered_scene_file() is scene_file:
        _keeper.register_scene_file(None)
    _ours[:] = [None, None]


# ---------------------------------------------------------------------- Maya


def maya_keeper() -> tuple:
    """``fileInfo "pyblish_qml_kept"``: saved with the .ma/.mb. Writing it leaves the scene's modified
    flag as it was (``file -modified``), whether or not this Maya marks a fileInfo write."""
    def load(context: Any) -> dict | None:
        import maya.cmds as cmds

        # types-maya 0.6.1 knows fileInfo's query only with referenceNode; Maya returns [value] or []
        found = cmds.fileInfo(NAME, query=True)  # type: ignore[call-overload]
        return parse(found[0] if found else None, "Maya's fileInfo %r" % NAME)

    def save(context: Any, value: dict) -> None:
        import maya.cmds as cmds

        modified = bool(cmds.file(query=True, modified=True))
        cmds.fileInfo(NAME, as_base64(value))
        cmds.file(modified=modified)  # a toggle is no change to the scene: no "scene changed" banner, no prompt

    return load, save


def maya_scene_file() -> str:
    import maya.cmds as cmds

    return str(cmds.file(query=True, sceneName=True) or "")


# ---------------------------------------------------------------------- Nuke


def nuke_keeper() -> tuple:
    """A hidden text knob ``pyblish_qml_kept`` on the root, saved with the .nk."""
    def load(context: Any) -> dict | None:
        import nuke

        knob = nuke.root().knob(NAME)
        return parse(knob.value() if knob is not None else None, "the Nuke root's knob %r" % NAME)

    def save(context: Any, value: dict) -> None:
        import nuke

        root = nuke.root()
        modified = root.modified()
        knob = root.knob(NAME)
        if knob is None:
            knob = nuke.String_Knob(NAME, LABEL)
            root.addKnob(knob)
        if not knob.getFlag(nuke.INVISIBLE):  # made here, or a script that did not keep the flag
            knob.setFlag(nuke.INVISIBLE)
        knob.setValue(as_base64(value))
        root.setModified(modified)  # a toggle is no change to the comp: no "scene changed" banner, no prompt

    return load, save


def nuke_scene_file() -> str:
    import nuke

    name = nuke.root().name()
    return "" if not name or name == "Root" else str(name)  # an unsaved script's root is named "Root"


# ---------------------------------------------------------------------- Houdini


def houdini_keeper() -> tuple:
    """User data ``pyblish_qml_kept`` on the root node ``/``, saved with the .hip."""
    def root() -> hou.Node:
        import hou

        node = hou.node("/")
        if node is None:  # every Houdini session has "/"; the stubs say Optional
            raise RuntimeError("Houdini has no root node '/'")
        return node

    def load(context: Any) -> dict | None:
        return parse(root().userData(NAME), "the user data %r of Houdini's root node" % NAME)

    def save(context: Any, value: dict) -> None:
        root().setUserData(NAME, as_json(value))

    return load, save


def houdini_scene_file() -> str:
    import hou

    return "" if hou.hipFile.isNewFile() else str(hou.hipFile.path())
