"""Demo validators: passing, failing with repair actions, slow, chatty, optional."""

import time

import pyblish.api


class SelectInvalid(pyblish.api.Action):
    label = "Select invalid"
    on = "failed"
    icon = "hand-pointer"

    def process(self, context, plugin):
        self.log.info("Selected the invalid nodes of %s", plugin.__name__)


class Repair(pyblish.api.Action):
    label = "Repair"
    on = "failed"
    icon = "wrench"

    def process(self, context, plugin):
        for instance in context:
            instance.data["repaired"] = True
        self.log.warning("Repaired every instance; validate again.")


class OpenDocs(pyblish.api.Action):
    label = "Open documentation"
    on = "all"
    icon = "book"

    def process(self, context, plugin):
        self.log.info("See https://learn.pyblish.com for the validator guide")


def _on(on, label):
    return type("Action_" + on, (pyblish.api.Action,), {
        "on": on, "label": label,
        "process": lambda self, context, plugin: self.log.info("%s ran", label),
    })


class ValidateNamingConvention(pyblish.api.InstancePlugin):
    """Node names must end in a two-digit number, e.g. Peter01.

    Naming lets the pipeline find assets again; see https://pyblish.com/naming.
    """

    order = pyblish.api.ValidatorOrder
    families = ["rig"]
    label = "Naming convention"
    actions = [pyblish.api.Category("Fix it"), SelectInvalid, Repair, pyblish.api.Separator, OpenDocs]

    def process(self, instance):
        if not instance.name[-2:].isdigit():
            raise ValueError("%s does not end in a number" % instance.name)


class ValidateNormals(pyblish.api.InstancePlugin):
    """Models must have normals that face outward."""

    order = pyblish.api.ValidatorOrder
    families = ["model"]
    label = "Normals face outward"
    optional = True
    actions = [SelectInvalid, Repair]

    def process(self, instance):
        if instance.name == "Chair" and not instance.data.get("repaired"):
            raise AssertionError("Chair has 12 flipped normals:\n  |Chair|geo.f[3]\n  |Chair|geo.f[17]")
        self.log.info("Normals of %s are fine", instance)


class ValidateFrameRange(pyblish.api.InstancePlugin):
    """The camera must cover the shot's frame range."""

    order = pyblish.api.ValidatorOrder
    families = ["camera"]
    label = "Frame range"
    actions = [_on(on, "When %s" % on) for on in
               ("all", "processed", "notProcessed", "succeeded", "failed", "warning", "failedOrWarning")]

    def process(self, instance):
        start, end = instance.data["frameRange"]
        if end - start < 200:
            self.log.warning("Shot is only %d frames long (%d-%d)", end - start + 1, start, end)


class ValidateSceneSaved(pyblish.api.ContextPlugin):
    """The scene must be saved, so the published files can be traced back to it."""

    order = pyblish.api.ValidatorOrder - 0.1
    label = "Scene is saved"

    def process(self, context):
        self.log.debug("current file: %s", context.data["currentFile"])


class ValidateHeavyGeometry(pyblish.api.InstancePlugin):
    """Takes a while: inspects every polygon (slow on purpose, to show progress)."""

    order = pyblish.api.ValidatorOrder + 0.1
    families = ["model", "rig"]
    label = "Heavy geometry check"
    optional = True

    def process(self, instance):
        time.sleep(0.4)
        self.log.info("%s: 12,345 polygons", instance)


class ValidateChatty(pyblish.api.ContextPlugin):
    """Logs at every level, with unicode and control characters."""

    order = pyblish.api.ValidatorOrder + 0.2
    label = "Log at every level"
    optional = True

    def process(self, context):
        self.log.debug("debug: internal detail \x1b[2m(dim)\x1b[0m")
        self.log.info("info: ünïcödé ✓ 漢字 — fine")
        self.log.warning("warning: texture path is absolute: C:\\textures\\wood.png")
        self.log.error("error: but not fatal — https://pyblish.com/errors")
        self.log.critical("critical: only a demo")
        for index in range(50):
            self.log.debug("spam %02d", index)
