"""Window settings a host sets before ``pyblish_qml.show()``, as in pyblish-qml 1.x.

``import pyblish_qml.settings; pyblish_qml.settings.WindowTitle = "Publish shot"`` — every
attribute that differs from its default here is sent with the next ``show()`` and wins over a
DCC integration's own defaults (its ContextLabel and WindowTitle). Attributes left alone are not
sent, so the window keeps the size and place the artist last gave it. Host side: Python 3.7+.
"""

from __future__ import annotations

import copy
import sys
from typing import Any, Dict

ContextLabel = "Context"
WindowTitle = "Pyblish"
WindowSize = (430, 600)
WindowPosition = None  # None: where the artist last left the window
HeartbeatInterval = 1.0  # seconds between the host's heartbeats
HiddenSections = ["Collect"]

KEYS = ("ContextLabel", "WindowTitle", "WindowSize", "WindowPosition", "HeartbeatInterval", "HiddenSections")

_module = sys.modules[__name__]
_defaults = {key: copy.deepcopy(getattr(_module, key)) for key in KEYS}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value  # XML-RPC has no tuples


def to_dict() -> Dict[str, Any]:
    """Every setting, as the UI's ``show`` takes them."""
    return {key: _plain(getattr(_module, key)) for key in KEYS}


def from_dict(settings: Dict[str, Any]) -> None:
    """Set several at once; unknown keys are an error, not silently kept."""
    if not isinstance(settings, dict):
        raise TypeError("settings must be a dict, got %s" % type(settings).__name__)
    unknown = sorted(set(settings) - set(KEYS))
    if unknown:
        raise KeyError("unknown pyblish_qml.settings %s; known: %s" % (", ".join(unknown), ", ".join(KEYS)))
    for key, value in settings.items():
        setattr(_module, key, value)


def changed() -> Dict[str, Any]:
    """The settings a host changed from their defaults: what ``show()`` sends."""
    out = {}
    for key in KEYS:
        value = getattr(_module, key)
        if _plain(value) != _plain(_defaults[key]):
            out[key] = _plain(value)
    return out


def reset() -> None:
    """Back to the defaults (tests, or a host that wants a clean slate)."""
    for key, value in _defaults.items():
        setattr(_module, key, copy.deepcopy(value))
