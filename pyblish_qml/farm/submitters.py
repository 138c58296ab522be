"""Submitters: how a bundle reaches a scheduler (docs/farm.md, "Submitters").

- ``local`` (the default): ``openjd run`` in the background on this machine — background
  publishing for an artist without a farm. A wrapper process (``python -m pyblish_qml.farm
  run-local``) runs the session and, since ``openjd run`` ends a session at the first failed task
  where a farm would go on with the others, starts another session for the tasks that did not
  start, until every task has run; then it writes ``finished.json``.
- ``command``: a studio's own command line, with ``{bundle}`` (and ``{template}``, ``{attempt}``,
  ``{instances}``) in it, for Deadline 10, OpenCue and others that run one command per task.
- ``deadline-cloud``: ``deadline bundle submit <bundle>`` (the ``deadline`` package). Built, not
  run against a real farm from here.

Chosen by ``PYBLISH_QML_FARM_SUBMITTER`` or the preference ``farmSubmitter``.

Thread: any; ``submit`` returns once the submission is made (the local one runs on in the background).
"""

from __future__ import annotations

import enum
import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from . import manifest as manifests
from . import template
from .bundle import job_name
from .outputs import attempt_dir, read_lines, write_json


class SubmitterKind(str, enum.Enum):
    LOCAL = "local"
    COMMAND = "command"
    DEADLINE_CLOUD = "deadline-cloud"


class SubmitError(RuntimeError):
    """The submission was not made; the message says why."""


@dataclass(frozen=True)
class Submission:
    bundle: str
    attempt: int
    instances: tuple
    submitter: str
    pid: int | None = None
    job_id: str = ""


def chosen_kind(preferences: dict | None = None) -> SubmitterKind:
    name = os.environ.get("PYBLISH_QML_FARM_SUBMITTER") or (preferences or {}).get("farmSubmitter") or "local"
    try:
        return SubmitterKind(name)
    except ValueError:
        raise SubmitError("unknown farm submitter %r (one of %s)" % (
            name, ", ".join(kind.value for kind in SubmitterKind))) from None


def next_attempt(bundle: Path) -> int:
    found = [int(p.name.split("-")[1]) for p in (Path(bundle) / "output").glob("attempt-*") if p.name[8:].isdigit()]
    return max(found, default=0) + 1


def prepare(bundle: Path, keys: Sequence[str]) -> int:
    """The next attempt of ``bundle`` for the tasks ``keys``: the template and parameter values
    rewritten for them (an attempt is one submission: the hand-off, or a re-run)."""
    manifest = manifests.read(bundle)
    known = {entry["key"] for entry in manifest["instances"]}
    unknown = [key for key in keys if key not in known]
    if unknown or not keys:
        raise SubmitError("no such instances in the bundle: %s" % (", ".join(unknown) or "(none given)"))
    attempt = next_attempt(bundle)
    template.write(bundle, job_name(manifest), list(keys), attempt, manifest["python"])
    return attempt


def submit(bundle: Path, keys: Sequence[str], kind: SubmitterKind | None = None,
           command: str | None = None) -> Submission:
    """Submit the tasks ``keys`` of ``bundle`` as its next attempt."""
    kind = kind or chosen_kind()
    bundle = Path(bundle).resolve()
    attempt = prepare(bundle, keys)
    record = {"attempt": attempt, "instances": list(keys), "submitter": kind.value, "time": time.time(),
              "machine": socket.gethostname(), "pid": None, "jobId": ""}
    write_json(attempt_dir(bundle, attempt) / "submission.json", record)
    if kind is SubmitterKind.LOCAL:
        record["pid"] = _start_local(bundle, attempt)
    elif kind is SubmitterKind.COMMAND:
        record["jobId"] = _run_command(bundle, attempt, keys, command or os.environ.get("PYBLISH_QML_FARM_COMMAND"))
    else:
        record["jobId"] = _deadline_cloud(bundle)
    write_json(attempt_dir(bundle, attempt) / "submission.json", record)
    return Submission(str(bundle), attempt, tuple(keys), kind.value, record["pid"], record["jobId"])


def _start_local(bundle: Path, attempt: int) -> int:
    folder = attempt_dir(bundle, attempt)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "openjd.log", "ab") as log:
        process = subprocess.Popen([sys.executable, "-m", "pyblish_qml.farm", "run-local", "--bundle", str(bundle),
                                    "--attempt", str(attempt)], stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    threading.Thread(target=process.wait, name="pyblish-qml-farm-reaper", daemon=True).start()  # no zombie
    return process.pid


def openjd_command(bundle: Path, attempt: int, tasks: Sequence[str] | None = None) -> list[str]:
    values = template.read_parameters(bundle)
    command = [_openjd(), "run", str(template.path(bundle)), "-p", "Bundle=%s" % bundle,
               "-p", "Python=%s" % values["Python"], "-p", "Attempt=%d" % attempt]
    if tasks is not None:
        command += ["--tasks", json.dumps([{template.TASK_PARAMETER: key} for key in tasks])]
    return command


def _openjd() -> str:
    beside = Path(sys.executable).with_name("openjd")
    found = str(beside) if beside.exists() else shutil.which("openjd")
    if not found:
        raise SubmitError("openjd is not installed: pip install \"pyblish-qml[farm]\" (it brings openjd-cli)")
    return found


def run_local(bundle: Path, attempt: int) -> int:
    """The ``local`` submitter's wrapper (its own process): sessions until every task has run."""
    bundle = Path(bundle).resolve()
    folder = attempt_dir(bundle, attempt)
    keys = _template_keys(bundle)
    codes = []
    remaining = keys
    while remaining:
        command = openjd_command(bundle, attempt, None if remaining == keys else remaining)
        codes.append(subprocess.call(command, stdin=subprocess.DEVNULL))
        left = [key for key in remaining if not any(line.get("kind") == "start"
                                                    for line in read_lines(folder / ("%s.jsonl" % key)))]
        if len(left) == len(remaining):
            break  # nothing started (the environment failed): the rest are lost, not retried forever
        remaining = left
    write_json(folder / "finished.json", {"exitCodes": codes, "time": time.time(), "notStarted": remaining})
    return 0


def _template_keys(bundle: Path) -> list[str]:
    job = json.loads(template.path(bundle).read_text(encoding="utf-8"))
    return list(job["steps"][0]["parameterSpace"]["taskParameterDefinitions"][0]["range"])


def _run_command(bundle: Path, attempt: int, keys: Sequence[str], command: str | None) -> str:
    if not command or "{bundle}" not in command:
        raise SubmitError("the command submitter needs PYBLISH_QML_FARM_COMMAND (or the preference "
                          "farmCommand) with {bundle} in it")
    line = command.format(bundle=shlex.quote(str(bundle)), template=shlex.quote(str(template.path(bundle))),
                          attempt=attempt, instances=" ".join(shlex.quote(key) for key in keys),
                          python=shlex.quote(sys.executable))
    done = subprocess.run(line, shell=True, capture_output=True, text=True)
    (attempt_dir(bundle, attempt) / "command.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    if done.returncode != 0:
        raise SubmitError("the farm command failed (exit %d): %s" % (done.returncode, (done.stderr or done.stdout)
                                                                     .strip()[-500:]))
    lines = done.stdout.strip().splitlines()
    return lines[-1].strip() if lines else ""


def deadline_cloud_command(bundle: Path) -> list[str]:
    """``deadline bundle submit`` with the farm and queue from ``PYBLISH_QML_DEADLINE_FARM_ID`` /
    ``PYBLISH_QML_DEADLINE_QUEUE_ID`` (else the ``deadline config`` defaults)."""
    command = [shutil.which("deadline") or "deadline", "bundle", "submit", str(bundle), "--yes"]
    for option, variable in (("--farm-id", "PYBLISH_QML_DEADLINE_FARM_ID"),
                             ("--queue-id", "PYBLISH_QML_DEADLINE_QUEUE_ID")):
        if os.environ.get(variable):
            command += [option, os.environ[variable]]
    return command


def _deadline_cloud(bundle: Path) -> str:
    command = deadline_cloud_command(bundle)
    if shutil.which(command[0]) is None:
        raise SubmitError("the deadline-cloud submitter needs the deadline command (pip install deadline) "
                          "and a configured farm and queue (deadline config)")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SubmitError("deadline bundle submit failed (exit %d): %s" % (done.returncode,
                                                                          (done.stderr or done.stdout)[-500:]))
    for word in done.stdout.split():
        if word.startswith("job-"):
            return word.strip(".,")
    return ""
