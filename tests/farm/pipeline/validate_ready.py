"""Fails an instance whose "valid" is false in the scene as it is on disk now (a fix is an edit)."""

import json
import os
import time

import pyblish.api


class ValidateReady(pyblish.api.InstancePlugin):
    order = pyblish.api.ValidatorOrder
    families = ["model"]

    def process(self, instance):
        time.sleep(float(instance.data.get("sleep") or 0))
        with open(os.environ["PYBLISH_QML_SCENE"]) as handle:
            entries = {entry["name"]: entry for entry in json.load(handle)["instances"]}
        if not entries[instance.name].get("valid", True):
            raise ValueError("%s is not ready to publish" % instance.name)
        self.log.info("%s is ready", instance.name)
