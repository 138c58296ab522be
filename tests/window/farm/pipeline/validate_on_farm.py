"""Fails on the farm only (target "farm"), until the fix is in: an instance with "failOnFarm" in
the scene fails there while the file ``<publishDir>/fixed`` does not exist."""

import os

import pyblish.api


class ValidateOnFarm(pyblish.api.InstancePlugin):
    label = "Validate on farm"
    order = pyblish.api.ValidatorOrder + 0.1
    families = ["model"]
    targets = ["farm"]

    def process(self, instance):
        fixed = os.path.join(instance.data["publishDir"], "fixed")
        if instance.data.get("failOnFarm") and not os.path.exists(fixed):
            raise ValueError("%s fails the farm's own check (no %s yet)" % (instance.name, fixed))
        self.log.info("%s passes the farm's check", instance.name)
