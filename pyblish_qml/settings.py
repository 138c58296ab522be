"""Window settings a host sets before ``pyblish_qml.show()``, as in pyblish-qml 1.x.

``import pyblish_qml.settings; pyblish_qml.settings.WindowTitle = "Publish shot"`` — every
attribute that differs from its default here is sent with the next ``show()`` and wins over a
DCC integration's own defaults (its ContextLabel and WindowTitle). Attributes left alone are not
sent, so the window keeps the size and place the artist last gave it. Host side: Python 3.7+.
"""

from __future__ import annotations

import copy
import logging
import sys
from typing import Any, Dict

ContextLabelDefault = "Context"  # pyblish-qml 1.x: "was ContextLabel changed?" compares with these
WindowTitleDefault = "Pyblish"
ContextLabel = ContextLabelDefault
WindowTitle = WindowTitleDefault
WindowSize = (430, 600)
WindowPosition = None  # None: where the artist last left the window
HeartbeatInterval = 1.0  # seconds between the host's heartbeats
HiddenSections = ["Collect"]
StrictDiscovery = False  # a studio's: the window refuses to Publish while a plugin file failed to import

KEYS = ("ContextLabel", "WindowTitle", "WindowSize", "WindowPosition", "HeartbeatInterval", "HiddenSections",
        "StrictDiscovery")
DEFAULT_KEYS = ("ContextLabelDefault", "WindowTitleDefault")  # settable, never sent to the window

log = logging.getLogger(__name__)

_module = sys.modules[__name__]
_defaults = {key: copy.deepcopy(getattr(_module, key)) for key in KEYS + DEFAULT_KEYS}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value  # XML-RPC has no tuples


def to_dict() -> Dict[str, Any]:
    """Every setting, as the UI's ``show`` takes them."""
    return {key: _plain(getattr(_module, key)) for key in KEYS}


def from_dict(settings: Dict[str, Any]) -> None:
    """Set several at once. Unknown keys are skipped with a debug line, as 1.x accepted any key:
    a studio's settings file written for another pyblish-qml version must not stop a DCC's startup."""
    if not isinstance(settings, dict):
        raise TypeError("settings must be a dict, got %s" % type(settings).__name__)
    for key, value in settings.items():
        if key in KEYS or key in DEFAULT_KEYS:
            setattr(_module, key, value)
        else:
            log.debug("pyblish_qml.settings.from_dict: %r is not a setting here (known: %s); skipped",
                      key, ", ".join(KEYS))


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
