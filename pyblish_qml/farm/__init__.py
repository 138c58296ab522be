"""Publishing on a render farm through Open Job Description (docs/farm.md).

The window validates here and hands the instances marked for the farm off as a self-contained
*job bundle*: an OpenJD job template, its parameter values and a manifest. On the worker, each
task opens the scene in a host (plain Python, Blender, ...) that a step environment started once
per session, and drives it pair by pair through the engine's :class:`~pyblish_qml.engine.runner.Runner`
— the same code path the window uses, not a second engine — writing its pairs into the bundle's
output folder as it goes. No Qt anywhere in this package: it runs on farm workers.
"""
