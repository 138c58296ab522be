"""bpy 5.x as the DCC: install the pyblish-qml extension the way Blender does, build a scene
with bpy, and run File ▸ Publish… (``pyblish.qml_publish``), which is modal in background mode.

``python bpy_publish.py EXTENSION_ZIP PLUGIN_FOLDER PUBLISH_DIR`` with BLENDER_USER_RESOURCES set to
an empty folder. Prints one JSON line (``extension {...}``) once the extension is enabled, then
"operator returned ..." when the window has closed.
"""
import importlib
import importlib.util
import json
import os
import sys

import bpy

addon_utils = importlib.import_module("addon_utils")  # on sys.path once bpy is imported

zip_path, plugins, publish_dir = sys.argv[1:4]
MODULE = "bl_ext.user_default.pyblish_qml_publish"

installed = bpy.ops.extensions.package_install_files(filepath=zip_path, repo="user_default", enable_on_install=True)

for obj in list(bpy.data.objects):
    bpy.data.objects.remove(obj)


def mesh_object(name, vertices, faces, location):
    mesh = bpy.data.meshes.new(name)
    mesh.from_pydata(vertices, [], faces)
    mesh.update()
    obj = bpy.data.objects.new(name, mesh)
    obj.location = location
    bpy.context.scene.collection.objects.link(obj)
    return obj


cube = [(x, y, z) for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)]
mesh_object("Crate", cube, [(0, 1, 3, 2), (4, 6, 7, 5), (0, 4, 5, 1), (2, 3, 7, 6), (0, 2, 6, 4), (1, 5, 7, 3)],
            (0, 0, 0))
hexagon = [(1, 0), (0.5, 0.87), (-0.5, 0.87), (-1, 0), (-0.5, -0.87), (0.5, -0.87)]
prism = [(x, y, 0.0) for x, y in hexagon] + [(x, y, 1.0) for x, y in hexagon]
mesh_object("Nut", prism, [tuple(range(5, -1, -1)), tuple(range(6, 12))]
            + [(i, (i + 1) % 6, (i + 1) % 6 + 6, i + 6) for i in range(6)], (3, 0, 0))  # two hexagons: n-gons
mesh_object("Roof", [(-1, -1, 0), (1, -1, 0), (1, 1, 0), (-1, 1, 0), (0, 0, 1)],
            [(3, 2, 1, 0), (0, 1, 4), (1, 2, 4), (2, 3, 4), (3, 0, 4)], (-3, 0, 0))

preferences = bpy.context.preferences.addons[MODULE].preferences
preferences.plugin_paths = plugins  # the studio's plugin folder, as an artist sets it in the preferences
os.environ["PYBLISH_BPY_PUBLISH_DIR"] = publish_dir

import pyblish  # noqa: E402 - from the extension's bundled host side

import pyblish_qml  # noqa: E402

print("extension " + json.dumps({
    "installed": sorted(installed), "enabled": addon_utils.check(MODULE)[1], "module": sys.modules[MODULE].__file__,
    "pyblish_qml": pyblish_qml.__file__, "pyblish": pyblish.__file__, "blender": bpy.app.version_string,
    "qt": [name for name in ("PySide6", "shiboken6", "PySide2", "PyQt5") if importlib.util.find_spec(name)],
    "background": bpy.app.background,
}), flush=True)
print("operator returned %s" % sorted(bpy.ops.pyblish.qml_publish()), flush=True)
