"""The thumbnail scroll benchmark's host: $BENCH_INSTANCES instances, each with a thumbnail from
the $BENCH_THUMBS folder (cycled), or none when $BENCH_THUMBS is empty."""
import os

import pyblish.api


class CollectMany(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder

    def process(self, context):
        folder = os.environ.get("BENCH_THUMBS") or ""
        files = sorted(os.path.join(folder, name) for name in os.listdir(folder)) if folder else []
        for index in range(int(os.environ.get("BENCH_INSTANCES", "10000"))):
            instance = context.create_instance("asset%05d" % index, family="model")
            if files:
                instance.data["thumbnail"] = files[index % len(files)]
