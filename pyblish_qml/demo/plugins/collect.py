"""Demo collectors: a scene of characters, props and a camera, sorted, plus an inactive one."""

import pyblish.api


class CollectScene(pyblish.api.ContextPlugin):
    """Collect what the artist made in this (imaginary) scene.

    Finds rigs, models, a camera and a look. See https://pyblish.com for how collectors work.
    """

    order = pyblish.api.CollectorOrder
    label = "Collect scene"

    def process(self, context):
        context.data["comment"] = ""
        context.data["currentFile"] = "/projects/hero/shot010/scenes/layout_v012.ma"
        for name, family, extra in (
            ("Peter01", "rig", {"families": ["review"]}),
            ("Bruce01", "rig", {}),
            ("Table", "model", {"optional": False}),
            ("Chair", "model", {}),
            ("shotCamera", "camera", {"frameRange": [1001, 1120]}),
            ("PeterLook", "look", {"publish": False}),
            ("AVeryLongAssetNameThatWillNotFitInTheListAtAllBecauseArtistsLoveLongNames_v003", "model", {}),
        ):
            instance = context.create_instance(name, family=family, **extra)
            instance[:] = ["|%s|geo" % name, "|%s|ctrl" % name]
            self.log.info("Found %s (%s)", name, family)
        self.log.debug("Scene has %d instances", len(context))


class CollectSortedByName(pyblish.api.ContextPlugin):
    """Sort instances alphabetically, as many studios do."""

    order = pyblish.api.CollectorOrder + 0.3
    label = "Sort instances"

    def process(self, context):
        context[:] = sorted(context, key=lambda instance: instance.name.lower())


class CollectRenderLayers(pyblish.api.ContextPlugin):
    """Inactive: this studio does not render from layout."""

    order = pyblish.api.CollectorOrder + 0.1
    active = False

    def process(self, context):
        context.create_instance("masterLayer", family="render")


class CollectRigControls(pyblish.api.InstancePlugin):
    """An instance collector: adds the control count to every rig."""

    order = pyblish.api.CollectorOrder + 0.2
    families = ["rig"]

    def process(self, instance):
        instance.data["controls"] = 42
        self.log.info("%s has %d controls", instance, instance.data["controls"])
