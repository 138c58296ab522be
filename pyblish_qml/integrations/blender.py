"""Blender: ``import pyblish_qml.integrations.blender as p; p.setup()`` in a startup script.

Blender has no "run this on the main thread" call, so plugin work is queued and a
``bpy.app.timers`` function drains the queue on Blender's main thread. In background mode
(``blender -b``) timers do not run once the script returns: there :func:`show` is modal (it
serves plugin work on the calling thread and returns once the window closes, so the script and
Blender can end), and :func:`serve_forever` keeps the main thread draining the same queue until
:func:`stop`, or with ``until_closed`` until the window no longer shows this host.

Scene changes (docs/protocol.md, "Scene changes"): a ``depsgraph_update_post`` handler counts the
updates that change geometry or a transform, on Blender's main thread; the scene probe reads the
count, so the heartbeat thread never waits for Blender (selection and viewport changes do not
count). The window: Blender has no call for its window's native id; on X11 the UI finds it by this
process's pid, on Windows :func:`main_window_id` is the foreground window when it is Blender's.
"""

from __future__ import annotations

import ctypes
import os
import queue
import sys
import threading
from typing import Any, Callable

from .. import host as _host
from ..host import capture as _capture
from ..host import farm_save
from ..host import modal as _modal
from ..host.dispatch import call_through, run_job
from . import keepers, require, settings, setup_host, show_settings, teardown_host

SETTINGS = {"ContextLabel": "Blender", "WindowTitle": "Pyblish (Blender)"}
TIMER_INTERVAL = 0.01
KEPT_PROPERTY = keepers.NAME  # the scene's custom property holding toggles and options

__all__ = ["setup", "teardown", "show", "settings", "serve_forever", "stop", "main_window_id", "scene_changes",
           "capture_scene"]
CAPTURE_SIZE = (640, 360)  # the window keeps at most 1024 px a side; a row shows 34x20

_jobs: queue.SimpleQueue = queue.SimpleQueue()
_stop = threading.Event()
_main_thread: threading.Thread | None = None


def drain() -> float | None:
    """Run every queued job here (Blender's main thread); the timer's return is its next delay."""
    while True:
        try:
            job = _jobs.get_nowait()
        except queue.Empty:
            break
        run_job(job)
    return None if _stop.is_set() else TIMER_INTERVAL


def dispatch(func: Callable, *args, **kwargs) -> Any:
    """The dispatch wrapper: run ``func`` on Blender's main thread and wait for its result."""
    if threading.current_thread() is _main_thread:
        return func(*args, **kwargs)
    return call_through(_jobs, func, *args, **kwargs)


def show(modal: bool | None = None) -> bool:
    """File ▸ Publish. ``modal`` (None: only in ``blender -b``, where nothing else would drain the
    queue): serve plugin work on this thread and return once the window has closed."""
    bpy = require("bpy", "Blender")
    return _host.lifecycle.show(show_settings(), modal=bool(bpy.app.background) if modal is None else modal)


def main_window_id() -> int | None:
    """Windows: the foreground window when it is this Blender's (File ▸ Publish was just clicked in
    it). Elsewhere None: on X11 the UI finds Blender's window by its pid."""
    if sys.platform != "win32":
        return None
    user32 = ctypes.windll.user32
    window = user32.GetForegroundWindow()
    pid = ctypes.c_ulong(0)
    user32.GetWindowThreadProcessId(window, ctypes.byref(pid))
    return int(window) if window and pid.value == os.getpid() else None


_changes = [0]  # geometry and transform updates seen by the depsgraph handler


def scene_changes() -> int:
    """The scene probe: how many geometry or transform updates Blender's depsgraph has made."""
    return _changes[0]


def _count_changes(scene, depsgraph=None) -> None:
    """``depsgraph_update_post`` (Blender's main thread): count the updates an artist's edit makes."""
    updates = depsgraph.updates if depsgraph is not None else ()
    if depsgraph is None or any(update.is_updated_geometry or update.is_updated_transform for update in updates):
        _changes[0] += 1


def serve_forever(poll: float = 0.05, until_closed: bool = False) -> str | None:
    """Background mode: keep Blender's main thread serving plugin work until :func:`stop`, or, with
    ``until_closed``, until the window no longer shows this host ("closed") or the UI is "gone"."""
    if until_closed:
        port = _host.installed_port()
        if port is None:
            raise RuntimeError("serve_forever(until_closed=True): install() or show() first")
        return _modal.block_until_closed(port)
    while not _stop.is_set():
        try:
            job = _jobs.get(timeout=poll)
        except queue.Empty:
            continue
        run_job(job)
    return None


def stop() -> None:
    _stop.set()


def setup(menu: bool = True) -> None:
    global _main_thread
    bpy = require("bpy", "Blender")
    _main_thread = threading.current_thread()
    _stop.clear()
    setup_host("blender", dispatch, SETTINGS, window=main_window_id, probe=scene_changes)
    handlers = bpy.app.handlers.depsgraph_update_post
    if _count_changes not in handlers:
        handlers.append(bpy.app.handlers.persistent(_count_changes))  # persistent: kept when a file loads
    keepers.register(scene_keeper(bpy), lambda: str(bpy.data.filepath))  # toggles and options kept in the .blend
    farm_save.register(save_for_farm, "Blender")  # farmHandoff: the farm opens the saved .blend
    _capture.register_capture(capture_scene)  # the window's Capture button (docs/thumbnails.md)
    if not bpy.app.background:
        bpy.app.timers.register(drain, first_interval=TIMER_INTERVAL, persistent=True)
        if menu:
            _register_menu(bpy)


def scene_keeper(bpy) -> tuple:
    """Keep the window's toggles and options in a custom property of the current scene (saved with the .blend).

    Writing an ID property makes no depsgraph update and leaves ``bpy.data.is_dirty`` as it was
    (measured in Blender 3.4 and bpy 5.3): no scene change for the probe, no prompt to save."""
    def load(context: Any) -> dict | None:
        scene = bpy.context.scene
        where = "the property %r of Blender's scene %r" % (KEPT_PROPERTY, scene.name)
        return keepers.parse(scene.get(KEPT_PROPERTY), where)

    def save(context: Any, value: dict) -> None:
        bpy.context.scene[KEPT_PROPERTY] = keepers.as_json(value)

    return load, save


def _register_menu(bpy) -> None:
    class PublishOperator(bpy.types.Operator):
        """Validate and publish with pyblish"""

        bl_idname = "pyblish.publish"
        bl_label = "Publish…"

        def execute(self, context):
            show()
            return {"FINISHED"}

    def draw(self, context):
        self.layout.separator()
        self.layout.operator(PublishOperator.bl_idname)

    bpy.utils.register_class(PublishOperator)
    bpy.types.TOPBAR_MT_file.append(draw)
    _registered[:] = [PublishOperator, draw]


_registered: list = []


def save_for_farm(context: Any = None) -> str:
    """``farmHandoff``: save the .blend the farm will open; a file never saved is refused."""
    bpy = require("bpy", "Blender")
    if not bpy.data.filepath:
        raise farm_save.SceneNotSaved("The Blender file has never been saved: save it as a .blend, "
                                      "then publish on the farm.")
    bpy.ops.wm.save_mainfile()
    return str(bpy.data.filepath)


def capture_scene(path: str, instance_name: str | None = None) -> None:
    """The capture hook: a picture of the scene at ``path`` (PNG, or JPEG by its extension).

    With a window, an OpenGL render of the first 3D viewport as the artist sees it (fast, what
    they are looking at); in background mode (``blender -b``: no viewport, no OpenGL) a small
    Cycles render through the scene's camera, or through a temporary one looking at the origin
    when the scene has none. The scene's render settings are put back afterwards; the .blend is
    not marked as changed by anything that stays. Main thread only (the dispatch runs it there).
    """
    bpy = require("bpy", "Blender")
    scene = bpy.context.scene
    render = scene.render
    jpeg = path.lower().endswith((".jpg", ".jpeg"))
    kept = {"filepath": render.filepath, "resolution_x": render.resolution_x,
            "resolution_y": render.resolution_y, "resolution_percentage": render.resolution_percentage,
            "use_file_extension": render.use_file_extension}
    kept_format = render.image_settings.file_format
    render.filepath = path
    render.use_file_extension = False  # the path as the window named it (".jpeg" would get ".jpg" added)
    render.resolution_x, render.resolution_y = CAPTURE_SIZE
    render.resolution_percentage = 100
    render.image_settings.file_format = "JPEG" if jpeg else "PNG"
    try:
        view = None if bpy.app.background else _viewport(bpy)
        if view is not None:
            with bpy.context.temp_override(**view):
                bpy.ops.render.opengl(write_still=True, view_context=True)
        else:
            _render_through_camera(bpy, scene)
    finally:
        render.image_settings.file_format = kept_format
        for name, value in kept.items():
            setattr(render, name, value)


def _viewport(bpy) -> dict | None:
    """The first 3D viewport of the current screen, as a context override; None without one."""
    windows = bpy.context.window_manager.windows
    window = bpy.context.window or (windows[0] if windows else None)
    if window is None:
        return None
    for area in window.screen.areas:
        if area.type == "VIEW_3D":
            region = next((r for r in area.regions if r.type == "WINDOW"), None)
            if region is not None:
                return {"window": window, "screen": window.screen, "area": area, "region": region}
    return None


def _render_through_camera(bpy, scene: Any) -> None:
    """A quick Cycles still (CPU, 8 samples, no denoiser) through the scene's camera."""
    mathutils = require("mathutils", "Blender")
    render, cycles = scene.render, scene.cycles
    kept = (render.engine, cycles.samples, cycles.use_denoising, scene.camera)
    made = None
    if scene.camera is None:  # nothing to look through: a camera looking at the origin, removed after
        made = bpy.data.objects.new("pyblishQmlCapture", bpy.data.cameras.new("pyblishQmlCapture"))
        scene.collection.objects.link(made)
        made.location = (7.4, -6.9, 5.0)
        made.rotation_euler = (-mathutils.Vector(made.location)).to_track_quat("-Z", "Y").to_euler()
        scene.camera = made
    render.engine, cycles.samples, cycles.use_denoising = "CYCLES", 8, False
    try:
        bpy.ops.render.render(write_still=True)
    finally:
        render.engine, cycles.samples, cycles.use_denoising, scene.camera = kept
        if made is not None:
            camera = made.data
            bpy.data.objects.remove(made)
            bpy.data.cameras.remove(camera)


def teardown() -> None:
    _capture.deregister_capture()
    keepers.deregister()
    farm_save.unregister()
    bpy = require("bpy", "Blender")
    stop()
    if bpy.app.timers.is_registered(drain):
        bpy.app.timers.unregister(drain)
    if _count_changes in bpy.app.handlers.depsgraph_update_post:
        bpy.app.handlers.depsgraph_update_post.remove(_count_changes)
    if _registered:
        operator, draw = _registered
        bpy.types.TOPBAR_MT_file.remove(draw)
        bpy.utils.unregister_class(operator)
        _registered[:] = []
    teardown_host("blender")
