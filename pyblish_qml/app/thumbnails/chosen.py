"""The thumbnails the artist chose, per instance, and what the host must be sent before a run.

Choices are kept by instance *name* (ids change on every Reset; the artist's picture must
survive one), as the option values are (:mod:`..options.option_values`). Each chosen image is a
PNG the window wrote into the folder of the next run that will carry it
(``<session>/run-0003/shot010-1.png``): the run folder a plugin receives is never rewritten
afterwards, so a plugin may keep the path it was given. Before a run the window sends
``instance.data["thumbnail"] = path`` with the protocol's ``update`` (docs/thumbnails.md), only
where the host's Context has not had that path yet.

Plain Python, no Qt. Thread: GUI thread only (paths are only made here; files are written by
:mod:`.image_jobs` on its worker thread).
"""

from __future__ import annotations

import os
import re
import tempfile
from typing import Iterable

KEY = "thumbnail"


class ChosenThumbnails:
    def __init__(self, root: str | None = None):
        self._root = root  # the session folder, made at the first choice
        self._run = 1  # the number of the next run that sends a choice
        self._count = 0  # makes every file name new: QML's image cache is keyed by URL
        self._chosen: dict[str, str] = {}  # instance name -> path of the chosen PNG
        self._sent: dict[str, str] = {}  # instance id -> path the host's Context holds

    def next_path(self, name: str) -> str:
        """Where the next image chosen for ``name`` is written (in the next run's folder)."""
        if self._root is None:
            self._root = tempfile.mkdtemp(prefix="pyblish-qml-thumbnails-")
        self._count += 1
        safe = re.sub(r"[^\w.-]+", "_", name)[:60] or "context"
        return os.path.join(self._root, "run-%04d" % self._run, "%s-%d.png" % (safe, self._count))

    def choose(self, name: str, path: str) -> None:
        self._chosen[name] = path

    def forget(self, name: str) -> None:
        """Back to what the collector set (the host keeps the path it was last sent until a Reset)."""
        self._chosen.pop(name, None)

    def path(self, name: str) -> str:
        return self._chosen.get(name, "")

    def chosen(self) -> dict[str, str]:
        return dict(self._chosen)

    def collected(self) -> None:
        """A Reset: the host's Context is new and holds none of the choices."""
        self._sent = {}

    def writes(self, items: Iterable[dict]) -> list[tuple]:
        """(instance id, "thumbnail", path) for each instance whose chosen path the host has not had;
        after a run that sends any, the next choices go to the next run's folder."""
        out = []
        for item in items:
            path = self._chosen.get(str(item.get("name") or ""))
            if path and not item.get("isContext") and self._sent.get(item["id"]) != path:
                self._sent[item["id"]] = path
                out.append((item["id"], KEY, path))
        if out:
            self._run += 1
        return out
