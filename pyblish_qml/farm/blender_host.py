"""Inside Blender on a farm worker: the host service for a scene opened with ``blender -b scene.blend``.

The step environment starts ``blender -b scene.blend --python-expr "import
pyblish_qml.farm.blender_host as h; h.main()"`` (:mod:`.hostproc`); this registers the plugin paths
in ``PYBLISH_QML_FARM_PLUGIN_PATHS`` and the target ``farm``, installs the host service with
Blender's main-thread dispatch, writes its port to ``PYBLISH_QML_FARM_READY`` and then serves on
Blender's main thread until it is told to stop (SIGTERM from ``host-stop``). Runs in Blender's own
Python (3.7+).
"""

from __future__ import annotations

import os
import signal


def main() -> None:
    import pyblish.api

    from ..host import lifecycle
    from ..integrations import blender

    for path in filter(None, os.environ.get("PYBLISH_QML_FARM_PLUGIN_PATHS", "").split(os.pathsep)):
        pyblish.api.register_plugin_path(path)
    pyblish.api.register_target("farm")
    blender.setup(menu=False)
    port = lifecycle.install(port=0, heartbeat_interval=3600.0)
    signal.signal(signal.SIGTERM, lambda *_: blender.stop())
    ready = os.environ.get("PYBLISH_QML_FARM_READY")
    if ready:
        with open(ready + ".tmp", "w") as handle:
            handle.write(str(port))
        os.replace(ready + ".tmp", ready)
    print("pyblish farm host (blender) on port %d" % port, flush=True)
    blender.serve_forever()
    lifecycle.uninstall()
