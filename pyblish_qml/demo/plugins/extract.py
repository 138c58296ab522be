"""Demo extractors and integrators."""

import time

import pyblish.api


class ExtractAlembic(pyblish.api.InstancePlugin):
    """Write the geometry as Alembic."""

    order = pyblish.api.ExtractorOrder
    families = ["model", "rig"]
    label = "Extract Alembic"

    def process(self, instance):
        time.sleep(0.15)
        self.log.info("Wrote /publish/%s/v001/%s.abc", instance.data["family"], instance)


class ExtractCamera(pyblish.api.InstancePlugin):
    order = pyblish.api.ExtractorOrder
    families = ["camera"]
    label = "Extract camera"

    def process(self, instance):
        self.log.info("Baked %s", instance)


class IntegrateAsset(pyblish.api.InstancePlugin):
    """Move extracted files into the asset library and register a version."""

    order = pyblish.api.IntegratorOrder
    label = "Integrate into library"

    def process(self, instance):
        self.log.info("Registered %s v001 (comment: %r)", instance,
                      instance.context.data.get("comment"))


class IntegrateNotify(pyblish.api.ContextPlugin):
    order = pyblish.api.IntegratorOrder + 0.1
    label = "Notify production"
    optional = True

    def process(self, context):
        self.log.info("Told production about %d publishes", len(context))
