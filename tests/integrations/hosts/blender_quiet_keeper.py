"""A toggle after validating, in a real Blender (``blender -b --python``) or bpy (``python``).

``... -- REPO SITE_PACKAGES PLUGINS``: set up the integration (its depsgraph counter is the scene
probe), validate through the real host service (collect, then every validator on every
instance), read the token the heartbeat would send, send the window's keeper update through the
service, let Blender evaluate the depsgraph as its main loop does after any change, read the token
again; then move a vertex (the artist's edit) and read it once more. Prints ``word value`` lines.
"""
import json
import sys

argv = sys.argv[sys.argv.index("--") + 1:]
repo, site_packages, plugins = argv[:3]
sys.path[:0] = [repo]
sys.path.append(site_packages)  # pyblish-base (pure Python) from the test venv

import bpy  # noqa: E402
import pyblish.api  # noqa: E402

from pyblish_qml.host import scene  # noqa: E402
from pyblish_qml.host.service import HostService  # noqa: E402
from pyblish_qml.integrations import blender  # noqa: E402
from pyblish_qml.options import KEPT_KEY  # noqa: E402


def say(word, value):
    print("%s %s" % (word, json.dumps(value)), flush=True)


def evaluate():
    """What Blender's main loop does after a change: evaluate the view layer (depsgraph handlers run)."""
    bpy.context.view_layer.update()
    bpy.context.evaluated_depsgraph_get().update()


bpy.context.view_layer.update()  # the first evaluation, as a GUI Blender makes it on startup
blender.setup(menu=False)
pyblish.api.register_plugin_path(plugins)
service = HostService(wrapper=blender.dispatch)  # called on the main thread: the dispatch runs it here
service.reset()
context = service.context()
validated = scene.scene_token()  # the window keeps the token it had when validation began
results = []
for plugin in sorted(service.discover(), key=lambda found: found["order"]):
    if plugin["order"] >= pyblish.api.ExtractorOrder - 0.5:
        continue
    if plugin["instanceEnabled"]:
        for instance in service._context:
            results.append(service.process(plugin, instance.id)["success"])
    else:
        results.append(service.process(plugin)["success"])
evaluate()
say("validated", {"token": validated, "after": scene.scene_token(), "results": results,
                  "dirty": bpy.data.is_dirty})

service.update(KEPT_KEY, {"instances": {"Cube": False}})  # the artist unticks the Cube in the window
kept = {"token": scene.scene_token(), "dirty": bpy.data.is_dirty,
        "stored": bpy.context.scene.get(blender.KEPT_PROPERTY)}
evaluate()
kept["evaluated"] = scene.scene_token()
say("kept", kept)

cube = bpy.data.objects["Cube"]
cube.data.vertices[0].co.z += 0.5  # the artist edits the mesh
cube.data.update()
evaluate()
say("edited", {"token": scene.scene_token(), "changes": blender.scene_changes()})
blender.teardown()
