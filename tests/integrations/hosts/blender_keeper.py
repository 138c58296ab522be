"""The Blender integration's keeper in a real Blender (``blender -b --python``) or bpy (``python``).

``... -- REPO SITE_PACKAGES save VALUE.json OUT.blend``: set up the integration, keep the value
in the JSON file through the registered keeper (what the host service calls on the window's
``update``), save the scene as OUT.blend. ``... -- REPO SITE_PACKAGES load IN.blend``: open IN.blend
(unless Blender already did), set up the integration, print ``kept <JSON>`` of what the keeper
loads. ``... load-raw IN.blend TEXT`` first sets the scene's property to TEXT (an unreadable value).
"""
import json
import os
import sys

argv = sys.argv[sys.argv.index("--") + 1:]
repo, site_packages, mode, *rest = argv
sys.path[:0] = [repo]
sys.path.append(site_packages)  # pyblish-base (pure Python) from the test venv

import bpy  # noqa: E402

from pyblish_qml.host import keeper  # noqa: E402
from pyblish_qml.integrations import blender  # noqa: E402

if mode == "save":
    value_file, out = rest
    with open(value_file, encoding="utf-8") as handle:
        value = json.load(handle)
    blender.setup(menu=False)
    keeper.save(None, value)
    bpy.ops.wm.save_as_mainfile(filepath=out)
    print("saved " + json.dumps(bpy.context.scene.get(blender.KEPT_PROPERTY)), flush=True)
else:
    scene_file = rest[0]
    if os.path.abspath(bpy.data.filepath or "") != os.path.abspath(scene_file):
        bpy.ops.wm.open_mainfile(filepath=scene_file)
    if mode == "load-raw":
        bpy.context.scene[blender.KEPT_PROPERTY] = rest[1]
    blender.setup(menu=False)
    print("scene " + json.dumps(keeper.registered_scene_file()()), flush=True)
    print("kept " + json.dumps(keeper.load(None)), flush=True)
blender.teardown()
print("teardown " + json.dumps({"keeper": keeper.registered_keeper() is not None,
                                "scene_file": keeper.registered_scene_file() is not None}), flush=True)
