"""The farm benchmark's no-op pipeline, any host: PYBLISH_QML_BENCH_INSTANCES instances, one
plugin that does nothing — so a task's time is the farm's own overhead."""

import os

import pyblish.api


class CollectNoop(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder

    def process(self, context):
        context.data["currentFile"] = os.environ.get("PYBLISH_QML_SCENE", "")
        for number in range(int(os.environ.get("PYBLISH_QML_BENCH_INSTANCES", "100"))):
            context.create_instance("noop%03d" % number, family="noop", farm=True)


class NoOp(pyblish.api.InstancePlugin):
    order = pyblish.api.ExtractorOrder
    families = ["noop"]

    def process(self, instance):
        pass
