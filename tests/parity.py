"""The parity harness: one scenario published through a real UI and a real host, and headless.

A :class:`Scenario` names a plugin folder under ``tests/fixtures/suites`` (its ``_setup.py``,
if any, registers tests, callbacks, hosts or targets in both processes) and how the artist
drives the window. :func:`run_headless` runs ``pyblish.util.publish()`` in a fresh process;
:func:`run_through_ui` starts a host process that shows the given UI process and publishes
through it. Both write the same record (``fixtures/parity_record.py``); :func:`differences`
says, in words, where they disagree, after applying only the rules of ``docs/semantics.md``.

Adding a scenario is one line in ``tests/engine/test_parity.py`` (plus its plugin folder).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from dataclasses import dataclass
from pathlib import Path

from helpers import FIXTURES, REPO, SUITES, HostProcess, isolated_env, wait_for

# Keys the host service writes into context.data before collection (docs/semantics.md, rule 9).
HOST_FACTS = frozenset({"host", "hostName", "port", "user", "connectTime", "date", "pythonVersion",
                        "pyblishVersion", "pyblishQmlVersion", "platform", "currentFile", "cwd",
                        "pyblishTargets", "pyblishPluginPaths", "pyblishDiscoveryFailures"})
EXTRACTION = 1.5  # pyblish's default test stops here after a failed validation


@dataclass(frozen=True)
class Scenario:
    name: str
    suite: str  # folder under tests/fixtures/suites
    targets: tuple[str, ...] = ()  # registered in both processes (the host gets --target)
    host: str = "python"  # the registered host name (the host gets --host-name)
    flow: str = "publish"  # "publish": Publish after reset; "validate": Validate, then Publish if it passed
    exact_estimate: bool = True  # the progress total must equal the pairs run (nothing added later)
    env: tuple[tuple[str, str], ...] = ()  # extra environment for both processes (read by _setup.py)

    @property
    def path(self) -> Path:
        return SUITES / self.suite

    def __str__(self) -> str:
        return self.name


@dataclass
class Outcome:
    record: dict  # what parity_record wrote at the end
    state: dict | None = None  # the UI's state() at the end (UI runs only)
    stages: tuple[str, ...] = ()  # the UI steps taken ("reset", "validated", "published")
    earlier: int = 0  # results the host had before the last step (the last step ran the rest)


def _read(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


class Headless:
    """``pyblish.util.publish()`` of a scenario, running in its own fresh process."""

    def __init__(self, scenario: Scenario, workdir: Path):
        self.out = workdir / ("headless-" + scenario.name)
        env = isolated_env(PYBLISH_PARITY_OUT=str(self.out), **dict(scenario.env))
        self.process = subprocess.Popen(
            [sys.executable, str(FIXTURES / "parity_headless.py"), str(scenario.path), scenario.host,
             json.dumps(list(scenario.targets))],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=str(REPO))

    def result(self, timeout: float = 60, dump: str = "published") -> Outcome:
        output, _ = self.process.communicate(timeout=timeout)
        path = Path("%s.%s.json" % (self.out, dump))
        assert self.process.returncode == 0 and path.exists(), "headless publish failed:\n" + output
        return Outcome(_read(path))


def run_headless(scenario: Scenario, workdir: Path) -> Headless:
    return Headless(scenario, workdir)


class ParityHost(HostProcess):
    """``parity_host.py``: the real standalone host with the journal, showing one UI process."""

    def __init__(self, scenario: Scenario, ui_port: int, out: Path, settings: dict, show: bool = True):
        command = [sys.executable, str(FIXTURES / "parity_host.py"), str(scenario.path), "--port", "0",
                   "--exit-after", "0", "--host-name", scenario.host, "--settings", json.dumps(settings)]
        if not show:
            command.append("--no-show")
        for target in scenario.targets:
            command += ["--target", target]
        env = isolated_env(PYBLISH_QML_PORT=str(ui_port), PYBLISH_PARITY_OUT=str(out), **dict(scenario.env))
        self._launch(command, env, REPO)


def run_through_ui(ui, scenario: Scenario, workdir: Path, timeout: float = 30) -> Outcome:
    """Publish ``scenario`` as an artist would: the host shows the UI, which collects; then
    Publish (``flow="publish"``, through the host's ``autoPublish`` setting) or Validate and,
    if validation passed, Publish (``flow="validate"``, through the control API's buttons)."""
    out = workdir / ("ui-" + scenario.name)
    auto = scenario.flow == "publish"
    host = ParityHost(scenario, ui.port, out, {"autoPublish": auto, "ContextLabel": scenario.name})
    proxy = ui.proxy

    def stage(name: str) -> dict:
        path = Path("%s.%s.json" % (out, name))

        def done():
            if not path.exists():
                state = proxy.state()
                if state["host"] == host.port and " failed: " in state["message"]:  # the runner's job broke
                    raise AssertionError("%s: %s\nhost stderr:\n%s" % (scenario, state["message"], host.stderr()))
                return None
            state = proxy.state()
            return state if state["state"] == "ready" and state["host"] == host.port else None
        try:
            return wait_for(done, timeout, "the UI's %s of %s" % (name, scenario.name))
        except AssertionError as error:
            raise AssertionError("%s\nUI state: %s\nhost stderr:\n%s\nUI output (tail):\n%s"
                                 % (error, proxy.state(), host.stderr()[-3000:], ui.output()[-3000:])) from None

    try:
        stages = ["reset"]
        state = stage("reset" if not auto else "published")
        if auto:
            stages.append("published")
        else:
            assert proxy.validate() is True
            state = stage("validated")
            stages.append("validated")
            if not state["stopped"]:  # passed or failed: the artist clicks Publish next
                assert proxy.publish() is True
                state = stage("published")
                stages.append("published")
        earlier = len(_read(Path("%s.%s.json" % (out, stages[-2])))["results"])
        return Outcome(_read(Path("%s.%s.json" % (out, stages[-1]))), state, tuple(stages), earlier)
    finally:
        host.stop()


def run_actions_through_runner(scenario: Scenario, actions: list[tuple[str, str]], workdir: Path,
                               timeout: float = 30) -> tuple[Outcome, list[dict]]:
    """Reset, Publish, then each ``(plugin, action label)`` through the window's own
    :class:`~pyblish_qml.engine.runner.Runner` (in this process: it has no Qt) against a real
    host; returns the host's record and the runner's ``Finished`` events of the actions."""
    from pyblish_qml.engine import events, jobs
    from pyblish_qml.engine.runner import Runner

    out = workdir / ("runner-" + scenario.name)
    host = ParityHost(scenario, 0, out, {}, show=False)
    woke = threading.Event()
    runner = Runner(woke.set)

    def finished(op: str) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            woke.wait(0.1)
            woke.clear()
            for event in runner.drain():
                if isinstance(event, (events.JobFailed, events.HostUnreachable)):
                    raise AssertionError("%s failed: %s\n%s" % (op, event, host.stderr()))
                if isinstance(event, events.Finished) and event.op == op:
                    return event
        raise AssertionError("timed out waiting for %s\n%s" % (op, host.stderr()))

    try:
        runner.submit(jobs.Reset(host.port))
        finished("reset")
        runner.submit(jobs.Publish(host.port, {"instances": {}, "plugins": {}}))
        finished("publish")
        session = runner._sessions[host.port]
        payloads = []
        for plugin_name, label in actions:
            plugin = next(p for p in session.plugins if p.__name__ == plugin_name)
            action = next(a for a in plugin.actions if a["label"] == label)
            runner.submit(jobs.Act(host.port, plugin.id, action["id"]))
            payloads.append(finished("act"))
        xmlrpc.client.ServerProxy(host.url, allow_none=True).emit("parityDump", {"context": True})
        return Outcome(_read(Path("%s.parityDump.json" % out))), payloads
    finally:
        runner.shutdown()
        host.stop()


# ---------------------------------------------------------------- comparison


def _is_collector(order) -> bool:
    return order is not None and -0.5 <= order < 0.5


def _without_estimate(journal: list[dict]) -> list[dict]:
    """util.publish's first Iterator only counts pairs for its progress bar; it calls the test
    for every plugin. The UI estimates without the host's test (docs/semantics.md, rule 4)."""
    marks = [i for i, entry in enumerate(journal) if entry["kind"] == "pass"]
    assert len(marks) == 3, "expected util.publish to start three passes, got %d" % len(marks)
    kept = journal[:marks[0]] + journal[marks[1]:]
    return [entry for entry in kept if entry["kind"] != "pass"]


def expected_for_ui(scenario: Scenario, headless: Outcome, ui: Outcome) -> dict:
    """What the UI's host must have recorded, from the headless record and docs/semantics.md:
    the UI also emits ``reset`` after collection (rule 7) and, when Validate is clicked,
    ``validated`` before extraction; a validation that failed ends the run there (rule 6)."""
    expected = json.loads(json.dumps(headless.record))
    journal = _without_estimate(expected["journal"])
    expected["journal"] = journal
    boundary = next((i for i, e in enumerate(journal) if not _is_collector(e.get("order"))), len(journal))
    journal.insert(boundary, {"kind": "signal", "signal": "reset", "plugin": None, "instance": None,
                              "order": None})
    if scenario.flow == "validate":
        start = boundary + 1
        cut = next((i for i, e in enumerate(journal[start:], start)
                    if e.get("order") is None or e["order"] >= EXTRACTION), len(journal))
        journal.insert(cut, {"kind": "signal", "signal": "validated", "plugin": None, "instance": None,
                             "order": None})
        if "published" not in ui.stages:  # the test stopped validation: the artist stops there
            late = [r for r in expected["results"] if r["order"] >= EXTRACTION]
            assert not late, ("%s: headless went on past a stopped validation (%s); the validate flow "
                              "cannot match it" % (scenario, late[0]["plugin"]))
            del journal[cut + 1:]
        elif _retried(journal, cut):
            # Rule 6: Publish after a validation that the test stops on validates afresh.
            again = [r for r in expected["results"] if not _is_collector(r["order"])]
            expected["results"] = expected["results"] + again
            expected["journal"] = None  # the retry's calls have no headless counterpart
    return expected


def _retried(journal: list[dict], cut: int) -> bool:
    """Headless stopped at the very first test of extraction, on validation's errors."""
    first = next((e for e in journal[cut + 1:] if e["kind"] == "test"), None)
    return bool(first and first["stop"] and first["ordersWithError"])


def comparable_context(got: dict, expected: dict) -> dict:
    """The UI host's context data without the facts it stamps that headless never has (rule 9)."""
    return {k: v for k, v in got["context"].items() if k not in HOST_FACTS or k in expected["context"]}


def differences(scenario: Scenario, ui: Outcome, headless: Outcome) -> list[str]:
    """Every way the UI run differs from the headless run, in words (empty: parity)."""
    expected = expected_for_ui(scenario, headless, ui)
    got = ui.record
    problems = []

    def compare(what: str, mine, theirs):
        if mine != theirs:
            problems.append("%s differ:\n  UI:       %s\n  headless: %s" % (what, mine, theirs))

    pairs = [(r["plugin"], r["instance"], r["success"]) for r in got["results"]]
    expected_pairs = [(r["plugin"], r["instance"], r["success"]) for r in expected["results"]]
    compare("(plugin, instance, success) pairs", pairs, expected_pairs)
    if pairs == expected_pairs:
        for mine, theirs in zip(got["results"], expected["results"]):
            where = "%s on %s" % (mine["plugin"], mine["instance"])
            compare("errors of " + where, mine["error"], theirs["error"])
            compare("records of " + where, mine["records"], theirs["records"])
    compare("instances", got["instances"], expected["instances"])
    compare("context data", comparable_context(got, expected), expected["context"])
    if expected["journal"] is not None:
        compare("journal (test calls and callbacks)", got["journal"], expected["journal"])
    problems += _ui_state_problems(scenario, ui, got)
    return problems


def _ui_state_problems(scenario: Scenario, ui: Outcome, got: dict) -> list[str]:
    """The window must say what happened: pairs done, instances listed, the closing message."""
    state = ui.state or {}
    problems = []
    last = "published" if "published" in ui.stages else "validated"
    ran = got["results"][ui.earlier:]
    done, total = state.get("progress", [None, None])
    if done != len(ran):
        problems.append("the UI counted %s pairs for its last step, the host ran %d" % (done, len(ran)))
    tests = [e for e in got["journal"] if e["kind"] == "test"]
    stopped = tests[-1]["stop"] if tests and tests[-1]["stop"] else None
    if scenario.exact_estimate and not stopped and total != done:
        problems.append("the progress estimate said %s pairs, %s ran" % (total, done))
    if state.get("instances") != len(got["instances"]) + 1:
        problems.append("the UI lists %s rows for %d instances and the Context"
                        % (state.get("instances"), len(got["instances"])))
    failed = any(r["error"] for r in got["results"] if not _is_collector(r["order"]))  # this run's errors
    # The message names what failed ("Stopped due to <reason>: 2 validators failed on 3 instances.");
    # which words the report uses is tested with the report; here the kind of ending must match.
    if stopped:
        message = "Stopped due to %s" % stopped
    elif last == "validated":
        message = "Validation found errors: "
    elif failed:
        message = "Publish finished with errors: "
    else:
        message = "Published successfully"
    if not str(state.get("message")).startswith(message):
        problems.append("the UI said %r, expected it to start with %r" % (state.get("message"), message))
    return problems


def workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="pyblish-qml-parity-"))
