"""Writes the instance's file into publishDir: a real file, with where it ran in it."""

import json
import os
import socket
import time

import pyblish.api


class ExtractFile(pyblish.api.InstancePlugin):
    order = pyblish.api.ExtractorOrder
    families = ["model"]

    def process(self, instance):
        wait = instance.data.get("waitFor")  # a test holds the local publish open until it writes this file
        deadline = time.monotonic() + 60
        while wait and not os.path.exists(wait) and time.monotonic() < deadline:
            time.sleep(0.05)
        path = os.path.join(instance.data["publishDir"], "%s.json" % instance.name)
        with open(path, "w") as handle:
            json.dump({"name": instance.name, "pid": os.getpid(), "machine": socket.gethostname(),
                       "targets": list(instance.context.data.get("pyblishTargets") or []),
                       "thumbnail": instance.data.get("thumbnail"), "scene": instance.context.data.get("currentFile")},
                      handle)
        instance.data["extracted"] = path
        self.log.info("wrote %s", path)


class IntegrateOnFarm(pyblish.api.InstancePlugin):
    """Farm only (target "farm"): the workstation never runs it."""

    order = pyblish.api.IntegratorOrder
    families = ["model"]
    targets = ["farm"]

    def process(self, instance):
        with open(instance.data["extracted"] + ".integrated", "w") as handle:
            handle.write("farm")


class IntegrateHere(pyblish.api.InstancePlugin):
    """Workstation only (target "local"): the farm never runs it."""

    order = pyblish.api.IntegratorOrder
    families = ["model"]
    targets = ["local"]

    def process(self, instance):
        with open(instance.data["extracted"] + ".local", "w") as handle:
            handle.write("local")
