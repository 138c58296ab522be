"""The Blender test pipeline: one instance per mesh in the open .blend; the extractor writes an OBJ
file from the mesh's real vertices and faces; a farm-only integrator stamps Blender's pid."""

import os

import bpy
import pyblish.api


class CollectMeshes(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder
    hosts = ["blender"]

    def process(self, context):
        context.data["currentFile"] = bpy.data.filepath
        context.data["hostVersion"] = bpy.app.version_string
        for obj in bpy.data.objects:
            if obj.type == "MESH":
                instance = context.create_instance(obj.name, family="mesh")
                instance.data.update({"farm": True, "object": obj.name,
                                      "publishDir": os.path.join(os.path.dirname(bpy.data.filepath), "publish")})


class ValidateHasFaces(pyblish.api.InstancePlugin):
    order = pyblish.api.ValidatorOrder
    families = ["mesh"]

    def process(self, instance):
        mesh = bpy.data.objects[instance.data["object"]].data
        assert len(mesh.polygons) > 0, "%s has no faces" % instance.name


class ExtractObj(pyblish.api.InstancePlugin):
    order = pyblish.api.ExtractorOrder
    families = ["mesh"]

    def process(self, instance):
        mesh = bpy.data.objects[instance.data["object"]].data
        os.makedirs(instance.data["publishDir"], exist_ok=True)
        path = os.path.join(instance.data["publishDir"], "%s.obj" % instance.name)
        with open(path, "w") as handle:
            handle.write("# blender %s pid %d\n" % (bpy.app.version_string, os.getpid()))
            for vertex in mesh.vertices:
                handle.write("v %.6f %.6f %.6f\n" % tuple(vertex.co))
            for polygon in mesh.polygons:
                handle.write("f %s\n" % " ".join(str(index + 1) for index in polygon.vertices))
        self.log.info("wrote %s", path)


class NoOp(pyblish.api.InstancePlugin):
    """For the overhead benchmark: a plugin that does nothing on family "noop"."""

    order = pyblish.api.ExtractorOrder
    families = ["noop"]

    def process(self, instance):
        pass
