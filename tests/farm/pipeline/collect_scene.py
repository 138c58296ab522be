"""The test pipeline's collector: the "scene" is a JSON file of instances (PYBLISH_QML_SCENE)."""

import json
import os

import pyblish.api


class CollectScene(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder

    def process(self, context):
        scene = os.environ["PYBLISH_QML_SCENE"]
        context.data["currentFile"] = scene
        with open(scene) as handle:
            data = json.load(handle)
        for entry in data["instances"]:
            instance = context.create_instance(entry["name"], family=entry.get("family", "model"))
            instance.data.update(entry)
            instance.data["publishDir"] = data["publishDir"]
