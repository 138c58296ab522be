"""Saving the scene before a farm hand-off: the ``farmHandoff`` pyblish callback, for integrations.

The farm opens the *saved* scene, so before the window writes a job bundle it fires the pyblish
signal ``farmHandoff`` in the host (docs/farm.md). :func:`register` registers a callback that calls
the DCC's own ``save(context)``: it saves and returns the scene's file, or raises
:class:`SceneNotSaved` with a sentence for the artist (an unsaved scene: no file to save to). pyblish
swallows a callback's exceptions, so the answer travels another way: the window first sets
``context.data["farmHandoffAnswer"]`` to a file path (``update``), and the callback writes
``{"scene": path}`` or ``{"refused": sentence}`` there; the window refuses with that sentence.
A pipeline's own plain ``farmHandoff`` callback still works: without an answer the window checks
the collected ``currentFile`` as before.

Host side: Python 3.7+, no UI imports. Thread: the host's main thread (the dispatch wrapper runs
callbacks there).
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable, List

import pyblish.api

SIGNAL = "farmHandoff"
ANSWER_KEY = "farmHandoffAnswer"  # context.data: where the window wants the answer written

_registered: List[Callable] = []


class SceneNotSaved(RuntimeError):
    """The scene cannot be saved for the farm; the message says why, for the artist."""


def register(save: Callable[[Any], str], dcc: str) -> Callable:
    """Register ``save(context) -> scene file`` as this host's ``farmHandoff`` callback (once)."""
    unregister()

    def on_handoff(context: Any = None, **_: Any) -> None:
        answer = context.data.pop(ANSWER_KEY, None) if context is not None else None
        try:
            scene = save(context)
            result = {"scene": scene}
            if context is not None:
                context.data["currentFile"] = scene
        except SceneNotSaved as error:
            result = {"refused": str(error)}
        except Exception as error:  # any failure to save is a refusal, in a sentence
            result = {"refused": "%s could not save the scene: %s" % (dcc, error)}
        if answer:
            with open(str(answer) + ".tmp", "w") as handle:
                json.dump(result, handle)
            os.replace(str(answer) + ".tmp", str(answer))

    pyblish.api.register_callback(SIGNAL, on_handoff)
    _registered.append(on_handoff)
    return on_handoff


def unregister() -> None:
    for callback in _registered:
        try:
            pyblish.api.deregister_callback(SIGNAL, callback)
        except (KeyError, ValueError):
            pass
    _registered[:] = []


def collected_file(context: Any) -> str:
    """The plain Python host's "save": nothing to save, but the collected scene must be a file."""
    scene = str((context.data.get("currentFile") if context is not None else "") or "")
    if not scene:
        raise SceneNotSaved("The scene has never been saved: save it to a file, then publish on the farm.")
    if not os.path.isfile(scene):
        raise SceneNotSaved("The scene file %s is not on disk: save the scene, then publish on the farm." % scene)
    return os.path.abspath(scene)
