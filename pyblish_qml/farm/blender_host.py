"""Inside Blender on a farm worker: the host service for the scene, in ``blender -b`` or in bpy.

The step environment (:mod:`.hostproc`) starts ``blender -b scene.blend --python-expr "import
pyblish_qml.farm.blender_host as h; h.main()"`` (host kind ``blender``), or, for Blender as a
Python module (kind ``bpy``), ``python -c "... h.main(open_scene=True)"`` with a Python that has
bpy, and this opens the scene. Then it registers the plugin paths in
``PYBLISH_QML_FARM_PLUGIN_PATHS`` and the target ``farm``, installs the host service with
Blender's main-thread dispatch, writes its port to ``PYBLISH_QML_FARM_READY`` and serves on
Blender's main thread until it is told to stop (SIGTERM from ``host-stop`` or the driver). Runs in
Blender's own Python (3.7+).
"""

from __future__ import annotations

import os
import signal


def main(open_scene: bool = False) -> None:
    """Serve the scene; ``open_scene``: open ``PYBLISH_QML_SCENE`` first (bpy, Blender as a Python
    module, which has no command line to open it with)."""
    import bpy
    import pyblish.api

    from ..host import lifecycle
    from ..integrations import blender

    for path in filter(None, os.environ.get("PYBLISH_QML_FARM_PLUGIN_PATHS", "").split(os.pathsep)):
        pyblish.api.register_plugin_path(path)
    pyblish.api.register_target("farm")
    if open_scene:
        bpy.ops.wm.open_mainfile(filepath=os.environ["PYBLISH_QML_SCENE"])
    blender.setup(menu=False)
    port = lifecycle.install(port=0, heartbeat_interval=3600.0)
    signal.signal(signal.SIGTERM, lambda *_: blender.stop())
    ready = os.environ.get("PYBLISH_QML_FARM_READY")
    if ready:
        with open(ready + ".tmp", "w") as handle:
            handle.write(str(port))
        os.replace(ready + ".tmp", ready)
    print("pyblish farm host (blender %s%s) on port %d" % (bpy.app.version_string, ", the bpy module" if open_scene
                                                            else "", port), flush=True)
    blender.serve_forever()
    lifecycle.uninstall()
