"""Runner events of a made-up run, for history tests that need exact shapes or many runs
(the real runner produces the same dataclasses; tests/record/test_record.py also records real hosts)."""

from __future__ import annotations

from pyblish_qml.engine import events as ev

CONTEXT_ID = "ctx-1"


def plugin(index: int, verb: str = "Validate", order: float = 1.0, doc: str = "") -> dict:
    return {"id": "p%d" % index, "name": "Plugin%d" % index, "label": "Plugin %d" % index, "doc": doc,
            "order": order + index / 1000.0, "type": verb + "or", "verb": verb, "families": ["*"], "actions": [],
            "active": True, "optional": False, "contextEnabled": False, "instanceEnabled": True}


def instance(index: int) -> dict:
    return {"id": "i%d" % index, "name": "asset%04d" % index,
            "data": {"family": "bench", "label": "asset%04d" % index, "publish": True, "frames": [1, 2, 3]},
            "children": []}


def record(message: str, levelno: int = 20) -> dict:
    return {"name": "pyblish.plugin", "levelname": {10: "DEBUG", 20: "INFO", 30: "WARNING", 40: "ERROR"}[levelno],
            "levelno": levelno, "message": message, "created": 1.0, "module": "plugins", "filename": "plugins.py",
            "pathname": "/p/plugins.py", "lineno": 3, "funcName": "process", "threadName": "MainThread",
            "exc_text": None}


def run_events(port: int = 9001, op: str = "publish", plugins: int = 10, instances: int = 100,
               records_per_pair: int = 1, fail_every: int = 0, finish: bool = True) -> list[ev.Event]:
    """Started, Collected, plugins x instances PairDone (records each), Finished."""
    context = {"id": CONTEXT_ID, "name": "Context",
               "data": {"hostName": "bench", "port": port, "user": "artist", "currentFile": "/shots/a.ma",
                        "cwd": "/shots", "label": "Context"},
               "children": [instance(i) for i in range(instances)]}
    plugin_dicts = [plugin(p) for p in range(plugins)]
    out: list[ev.Event] = [ev.Started(port, op, plugins * instances), ev.Collected(port, context, plugin_dicts)]
    seq = 0
    for p in range(plugins):
        for i in range(instances):
            seq += 1
            failed = bool(fail_every) and seq % fail_every == 0
            error = {"message": "asset%04d is broken" % i, "traceback": "Traceback...\nValueError: broken\n",
                     "fname": "/p/plugins.py", "line_number": 9, "func": "process", "exc": "ValueError",
                     "type": "ValueError", "logger": "pyblish", "thread": "MainThread"} if failed else None
            out.append(ev.PairDone(port, {"success": not failed, "plugin": "p%d" % p, "instance": "i%d" % i,
                                          "action": None, "error": error, "duration": 0.5,
                                          "records": [record("pair %d record %d" % (seq, r), 30 if r == 1 else 20)
                                                      for r in range(records_per_pair)],
                                          "changes": {}, "summary": {}}))
    if finish:
        out.append(ev.Finished(port, op, None, bool(fail_every)))
    return out
