"""What Maya, Nuke and Houdini keep with their scene, as the DCCs' documented APIs behave, owned
by the DCC's main thread like :class:`standins.dcc.Scene`: touched from another thread, it raises
(and says so in ``touched_from``, since a keeper's caller logs what it raises).

- Maya's ``fileInfo``: string keys to string values; a query answers ``[value]`` or ``[]``, the
  value escaped as MEL writes it into a .ma (``\\\\``, ``\\"``, ``\\n``, ``\\t``, ``\\r``), which is how
  Maya hands it back (pymel's FileInfo undoes it under Python 2); anything but text is refused.
  A write marks the scene modified (``modified``, what ``file -q -modified`` answers and ``file
  -modified`` sets): whether a real Maya does is not documented, so the stand-in takes the worst case.
- Nuke's root: knobs by name, a ``String_Knob`` holding text; adding a knob or setting its value
  marks the script modified, ``setModified`` sets the flag; an unsaved script's root is named "Root".
- Houdini: the root node ``/`` with string user data (anything else is a TypeError, as in ``hou``),
  which marks the .hip as changed; ``hou.hipFile``; the UI (``hou.ui``, a Scene Viewer whose
  one-frame flipbook writes a real PNG of the asked size at the asked path) only with ``ui=True``.

A test keeps the stores (``file_info``, ``knobs``, ``user_data``) to open the "saved" scene again in
a new stand-in.
"""

from __future__ import annotations

import struct
import threading
import types
import zlib


class MainOnly:
    """Something only the DCC's main thread may touch."""

    def __init__(self, main):
        self.main = main
        self.touched_from: list[str] = []

    def touch(self) -> None:
        name = threading.current_thread().name
        self.touched_from.append(name)
        if threading.current_thread() is not self.main.thread:
            raise RuntimeError("the scene was touched from %s, not the main thread" % name)


def mel_escaped(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


class FileInfo(MainOnly):
    def __init__(self, main, saved: dict | None = None):
        super().__init__(main)
        self.store: dict[str, str] = dict(saved or {})
        self.modified = False

    def __call__(self, *args, query=False, q=False, remove=None, rm=None):
        self.touch()
        gone = remove if remove is not None else rm
        if gone is not None:
            self.store.pop(gone, None)
            return None
        if query or q:
            if args:
                return [mel_escaped(self.store[args[0]])] if args[0] in self.store else []
            return [part for key, value in self.store.items() for part in (key, mel_escaped(value))]
        key, value = args
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("fileInfo takes a keyword and a value, both strings")
        self.store[key] = value
        self.modified = True
        return None


# ---------------------------------------------------------------------- Nuke

INVISIBLE = 0x400  # nuke.INVISIBLE's value


class StringKnob:
    def __init__(self, name: str, label: str = ""):
        self._name, self._label, self._value, self.flags, self.owner = name, label or name, "", set(), None

    def name(self) -> str:
        return self._name

    def _touch(self) -> None:
        if self.owner is not None:
            self.owner.touch()

    def value(self) -> str:
        self._touch()
        return self._value

    def setValue(self, value, view=None) -> None:
        self._touch()
        if not isinstance(value, str):
            raise TypeError("a String_Knob holds text")
        self._value = value
        if self.owner is not None:
            self.owner.modified_flag = True

    def setFlag(self, flag: int) -> None:
        self._touch()
        self.flags.add(flag)

    def getFlag(self, flag: int) -> bool:
        return flag in self.flags


class NukeRoot(MainOnly):
    def __init__(self, main, saved: dict | None = None, script: str = ""):
        super().__init__(main)
        self.script = script
        self.modified_flag = False
        self.knobs: dict[str, StringKnob] = {}
        for name, (value, flags) in (saved or {}).items():  # a script opened: its root's user knobs
            knob = StringKnob(name)
            knob._value, knob.flags, knob.owner = value, set(flags), self
            self.knobs[name] = knob

    def saved(self) -> dict:
        return {name: (knob._value, sorted(knob.flags)) for name, knob in self.knobs.items()}

    def name(self) -> str:
        self.touch()
        return self.script or "Root"

    def knob(self, name: str):
        self.touch()
        return self.knobs.get(name)

    def addKnob(self, knob: StringKnob) -> None:
        self.touch()
        if knob.name() in self.knobs:
            raise ValueError("the root already has a knob %r" % knob.name())
        knob.owner = self
        self.knobs[knob.name()] = knob
        self.modified_flag = True

    def modified(self) -> bool:
        self.touch()
        return self.modified_flag

    def setModified(self, modified: bool) -> None:
        self.touch()
        self.modified_flag = bool(modified)


# ---------------------------------------------------------------------- Houdini


class HouNode(MainOnly):
    def __init__(self, main, hip, saved: dict | None = None):
        super().__init__(main)
        self.hip = hip
        self.user_data: dict[str, str] = dict(saved or {})

    def userData(self, name: str):
        self.touch()
        return self.user_data.get(name)

    def setUserData(self, name: str, value: str) -> None:
        self.touch()
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError("in method 'OpNode_setUserData', argument 3 of type 'std::string const &'")
        self.user_data[name] = value
        self.hip.unsaved = True


class HipFile:
    def __init__(self, path: str):
        self._path, self.unsaved = path, False

    def isNewFile(self) -> bool:
        return not self._path

    def path(self) -> str:
        return self._path or "/home/artist/untitled.hip"

    def hasUnsavedChanges(self) -> bool:
        return self.unsaved


def png(width: int, height: int, path: str) -> None:
    """A real PNG: a grey gradient of ``width`` x ``height``."""
    row = b"\x00" + bytes(x * 255 // max(width - 1, 1) for x in range(width) for _ in range(3))
    rows = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


class FlipbookSettings:
    def __init__(self, values: dict | None = None):
        self.values = dict(values or {"output": "", "outputToMPlay": True, "frameRange": (1.0, 240.0),
                                      "useResolution": False, "resolution": (1920, 1080)})

    def stash(self) -> FlipbookSettings:
        return FlipbookSettings(self.values)

    def __getattr__(self, name):
        if name not in ("output", "outputToMPlay", "frameRange", "useResolution", "resolution"):
            raise AttributeError(name)

        def option(value=None):
            if value is None:
                return self.values[name]
            self.values[name] = tuple(value) if isinstance(value, (list, tuple)) else value
            return None
        return option


class SceneViewer(MainOnly):
    def __init__(self, main):
        super().__init__(main)
        self.settings = FlipbookSettings()
        self.flipbooks: list[dict] = []

    def flipbookSettings(self) -> FlipbookSettings:
        self.touch()
        return self.settings

    def curViewport(self) -> str:
        self.touch()
        return "persp1"

    def flipbook(self, viewport=None, settings=None, open_dialog=False) -> None:
        self.touch()
        used = (settings or self.settings).values
        self.flipbooks.append(dict(used, viewport=viewport))
        first, last = used["frameRange"]
        if not used["outputToMPlay"] and used["output"] and first == last:  # one frame, no $F: that file
            png(*(used["resolution"] if used["useResolution"] else (1920, 1080)), used["output"])


def hou_module(main, saved: dict | None = None, hip: str = "", ui: bool = False, frame: float = 1001.0):
    module = types.ModuleType("hou")
    module.hipFile = HipFile(hip)
    module.root = HouNode(main, module.hipFile, saved)
    module.viewer = SceneViewer(main)

    def node(path: str):
        module.root.touch()
        return module.root if path == "/" else None

    module.node = node
    module.Node = HouNode
    module.SceneViewer = SceneViewer
    module.isUIAvailable = lambda: ui
    module.frame = lambda full_precision=False: frame
    module.paneTabType = types.SimpleNamespace(SceneViewer="SceneViewer")
    def pane_tab_of_type(kind, index=0):
        module.viewer.touch()
        return module.viewer if kind == "SceneViewer" else None

    if ui:  # hython has no hou.ui
        module.ui = types.SimpleNamespace(paneTabOfType=pane_tab_of_type)
    return module
