"""``blender -b --factory-startup --python blender_background.py -- HOST_SITE PLUGINS``: a farm or
batch script. The host-only folder install-dcc wrote is appended to sys.path; ``show()`` is modal in
background mode, so the script, and Blender, end once the window closes."""
import sys

site, plugins = sys.argv[sys.argv.index("--") + 1:][:2]
sys.path.append(site)

import pyblish.api  # noqa: E402

from pyblish_qml.integrations import blender  # noqa: E402

blender.setup()
pyblish.api.register_plugin_path(plugins)
print("showing from %s" % blender.__file__, flush=True)
print("show returned %s" % blender.show(), flush=True)
