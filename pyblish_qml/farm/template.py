"""The OpenJD job template and parameter values of a bundle (specification ``jobtemplate-2023-09``).

One step, ``Publish``, with one task per instance (task parameter ``Instance``: the manifest's
keys). A *step environment* starts the host once per session and stops it at the end, so one
session holds the DCC open for all its tasks; each task drives that host. Job parameters:
``Bundle`` (a PATH, so the scheduler's path mapping applies), ``Python`` (the interpreter that has
pyblish-qml on the worker) and ``Attempt`` (1, then one more per "re-run on farm").

Both are JSON files, ``template.json`` and ``parameter_values.json``: what ``openjd`` and
``deadline bundle submit`` read (Deadline Cloud takes ``.json`` or ``.yaml``, never both). They
were once JSON text named ``.yaml``, but a YAML reader misreads JSON's ``\\ud83d\\ude00`` escapes
(a scene or path with characters past U+FFFF); bundles written then are still read. Thread: any
(plain data).
"""

from __future__ import annotations

import json
from pathlib import Path

SPECIFICATION = "jobtemplate-2023-09"
STEP = "Publish"
TASK_PARAMETER = "Instance"
ENVIRONMENT = "PyblishHost"
TEMPLATE = "template.json"
VALUES = "parameter_values.json"
LEGACY = {TEMPLATE: "template.yaml", VALUES: "parameter_values.yaml"}  # JSON text, bundles written before


def path(bundle: Path, name: str = TEMPLATE) -> Path:
    """The bundle's ``name`` (:data:`TEMPLATE` or :data:`VALUES`), or its older ``.yaml`` name."""
    chosen = Path(bundle) / name
    legacy = Path(bundle) / LEGACY[name]
    return legacy if not chosen.exists() and legacy.exists() else chosen


def _farm(*args: str) -> dict:
    return {"command": "{{Param.Python}}", "args": ["-m", "pyblish_qml.farm", *args],
            "timeout": 86400}


def client_source() -> str:
    """The task's client (farm/task_client.py), as the template embeds it."""
    return (Path(__file__).with_name("task_client.py")).read_text(encoding="utf-8")


def _client_file() -> dict:
    return {"name": "Client", "type": "TEXT", "filename": "pyblish_task_client.py", "data": client_source()}


def job_template(name: str, keys: list[str], python: str) -> dict:
    """The template for tasks ``keys`` (one per instance of this attempt)."""
    bundle, session = "{{Param.Bundle}}", "{{Session.WorkingDirectory}}"
    return {
        "specificationVersion": SPECIFICATION,
        "name": name[:128] or "pyblish publish",
        "description": "pyblish-qml: publish instances on the farm (docs/farm.md)",
        "parameterDefinitions": [
            {"name": "Bundle", "type": "PATH", "objectType": "DIRECTORY", "dataFlow": "INOUT",
             "description": "The job bundle: manifest.json in, output/ out."},
            {"name": "Python", "type": "STRING", "default": python,
             "description": "The Python on the worker that has pyblish-qml installed."},
            {"name": "Attempt", "type": "INT", "default": 1, "minValue": 1,
             "description": "1 for the hand-off, one more per re-run of failed or lost instances."},
        ],
        "steps": [{
            "name": STEP,
            "parameterSpace": {"taskParameterDefinitions": [
                {"name": TASK_PARAMETER, "type": "STRING", "range": list(keys)}]},
            "stepEnvironments": [{
                "name": ENVIRONMENT,
                "description": "Start the host (the DCC with the pyblish host service) once per session.",
                "script": {
                    # onExit asks the session's driver to stop the host and itself, through the same
                    # stdlib client the tasks run (no pyblish-qml import); without a driver it runs host-stop.
                    "embeddedFiles": [_client_file()],
                    "actions": {
                        "onEnter": _farm("host-start", "--bundle", bundle, "--session", session,
                                         "--attempt", "{{Param.Attempt}}",
                                         "--path-mapping-rules", "{{Session.PathMappingRulesFile}}"),
                        "onExit": {"command": "{{Param.Python}}", "timeout": 600,
                                   "args": ["-I", "-S", "{{Env.File.Client}}", "--session", session, "--stop"]},
                    }},
            }],
            # Each task is a stdlib-only client of the session's task driver (farm/driver.py), embedded
            # here and run without site-packages (-I -S): no imports of pyblish per task.
            "script": {
                "embeddedFiles": [_client_file()],
                "actions": {"onRun": {"command": "{{Param.Python}}", "timeout": 86400, "args": [
                    "-I", "-S", "{{Task.File.Client}}", "--bundle", bundle, "--session", session,
                    "--instance", "{{Task.Param.Instance}}", "--attempt", "{{Param.Attempt}}"]}}},
        }],
    }


def parameter_values(bundle: Path, attempt: int, python: str) -> dict:
    """``parameter_values.json`` as Deadline Cloud's job bundles have it."""
    return {"parameterValues": [{"name": "Bundle", "value": str(bundle)}, {"name": "Python", "value": python},
                                {"name": "Attempt", "value": attempt}]}


def write(bundle: Path, name: str, keys: list[str], attempt: int, python: str) -> None:
    """Write (or rewrite, for a re-run) the template and its parameter values into ``bundle``."""
    bundle = Path(bundle)
    _write_json(bundle / TEMPLATE, job_template(name, keys, python))
    write_values(bundle, parameter_values(bundle, attempt, python))
    (bundle / LEGACY[TEMPLATE]).unlink(missing_ok=True)  # Deadline Cloud refuses a bundle with both


def write_values(bundle: Path, values: dict) -> None:
    _write_json(Path(bundle) / VALUES, values)
    (Path(bundle) / LEGACY[VALUES]).unlink(missing_ok=True)


def _write_json(path: Path, value: dict) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(value, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)


def read_parameters(bundle: Path) -> dict:
    values = json.loads(path(bundle, VALUES).read_text(encoding="utf-8"))
    return {entry["name"]: entry["value"] for entry in values["parameterValues"]}
