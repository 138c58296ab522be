"""The hand-off: after validation passed here, the marked instances leave as one job bundle.

:func:`hand_off` asks the host to save its scene (the pyblish callback ``farmHandoff``, which a
DCC integration registers through :mod:`pyblish_qml.host.farm_save`, or a pipeline itself;
docs/farm.md), refuses with the integration's sentence or when the scene has no file on disk,
writes the bundle (:mod:`.bundle`) and submits it (:mod:`.submitters`). It is
plain Python: the window runs it on a worker thread (never the GUI thread), the tests and the
command line call it directly. 100 instances take well under a second (tests/benchmarks/farm_handoff_bench.py).

Thread: any but the GUI thread (it talks to the host and writes files).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .. import rpc_client
from ..host import farm_save
from ..rpc import host_url
from . import bundle as bundles
from . import manifest as manifests
from . import submitters


class HandoffRefused(RuntimeError):
    """Nothing was handed off; the message says why, for the artist."""


@dataclass(frozen=True)
class Handoff:
    bundle: str
    submission: submitters.Submission
    keys: dict  # window instance id -> task key
    seconds: float


def save_scene(port: int | None) -> str | None:
    """Ask the host to save its scene before the farm reads it (``farmHandoff`` callback).

    An integration's callback (:mod:`pyblish_qml.host.farm_save`) answers in a file whose path this
    puts in ``context.data["farmHandoffAnswer"]`` first: the saved scene's path (returned), or a
    refusal (:class:`HandoffRefused` with its sentence). A pipeline's own callback answers
    nothing: None, and the collected ``currentFile`` is checked instead."""
    if not port:
        return None
    answer = Path(tempfile.gettempdir()) / ("pyblish-qml-farm-%s.json" % uuid.uuid4().hex)
    proxy = rpc_client.Proxy(host_url(port), timeout=60.0)
    try:
        proxy.update(farm_save.ANSWER_KEY, str(answer))
        proxy.emit(farm_save.SIGNAL, {"context": None}, "farm-%s" % uuid.uuid4().hex[:12])
    except OSError as error:
        raise HandoffRefused("the host did not save its scene: %s" % error) from None
    finally:
        proxy.close()
    try:
        said = json.loads(answer.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    finally:
        answer.unlink(missing_ok=True)
    if said.get("refused"):
        raise HandoffRefused(str(said["refused"]))
    return str(said.get("scene") or "") or None


def plugin_folders(plugins: list[dict]) -> list[str]:
    """The folders the host discovered ``plugins`` in (their files' folders), else PYBLISHPLUGINPATH."""
    found: list[str] = []
    for plugin in plugins:
        folder = os.path.dirname(str(plugin.get("path") or ""))
        if folder and os.path.isdir(folder) and folder not in found:
            found.append(folder)
    return found or [path for path in os.environ.get("PYBLISHPLUGINPATH", "").split(os.pathsep) if path]


def scene_of(context: dict) -> str:
    scene = str((context.get("data") or {}).get("currentFile") or "")
    if not scene:
        raise HandoffRefused("The scene has never been saved: save it to a file, then publish on the farm.")
    if not os.path.isfile(scene):
        raise HandoffRefused("The scene file %s is not on disk: save the scene, then publish on the farm." % scene)
    return scene


def hand_off(context: dict, plugins: list[dict], instance_ids: Iterable[str], *, port: int | None = None,
             comment: str = "", run_id: int | None = None, history: str | None = None,
             plugin_paths: Iterable[str] = (), root: Path | None = None,
             kind: submitters.SubmitterKind | None = None, command: str | None = None,
             validate_on_farm: bool = True, edits: dict | None = None,
             run: Callable[[], int | None] | None = None) -> Handoff:
    """Save, bundle and submit ``instance_ids`` of ``context`` (a wire Context); see the module doc.
    ``run``, called once the scene is saved, gives the run the results go into instead of ``run_id``:
    the window starts its local Publish only then (the host saves the scene as validated, before
    the Publish can change it) and the farm's pairs go into that Publish's run."""
    began = time.perf_counter()
    ids = list(instance_ids)
    if not ids:
        raise HandoffRefused("No instance is marked for the farm.")
    saved = save_scene(port)
    scene = scene_of({"data": {"currentFile": saved}} if saved else context)
    if run is not None:
        run_id = run()
    if not plugin_paths:
        plugin_paths = plugin_folders(plugins)
    manifest = manifests.make(context, plugins, ids, scene=scene, comment=comment, run_id=run_id, history=history,
                              plugin_paths=plugin_paths, validate_on_farm=validate_on_farm, edits=edits)
    folder = bundles.write(manifest, root)
    keys = [entry["key"] for entry in manifest["instances"]]
    submission = submitters.submit(folder, keys, kind, command)
    return Handoff(str(folder), submission, {entry["id"]: entry["key"] for entry in manifest["instances"]},
                   time.perf_counter() - began)
