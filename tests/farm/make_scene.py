"""Run inside Blender: a new .blend with real meshes (a cube, an ico sphere), saved to argv[-1]."""

import sys

import bpy

bpy.ops.wm.read_factory_settings(use_empty=True)
bpy.ops.mesh.primitive_cube_add(size=2.0)
bpy.context.active_object.name = "crate"
bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=1, radius=1.0, location=(3.0, 0.0, 0.0))
bpy.context.active_object.name = "rock"
bpy.ops.wm.save_as_mainfile(filepath=sys.argv[-1])
