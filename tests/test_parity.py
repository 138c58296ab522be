"""Driving the host one pair at a time gives exactly what headless pyblish gives."""

from __future__ import annotations

import pytest
from helpers import headless_publish

from pyblish_qml.session import HostSession

SUITES = [
    ("cvei", []),
    ("mix", []),
    ("families", []),
    ("targets", []),
    ("targets", ["farm"]),
    ("optional", []),
    ("legacy", []),
    ("actions", []),
    ("unpublished", []),
    ("edge", []),
]


def one_pair_at_a_time(host_factory, suite: str, targets: list[str]) -> list[tuple]:
    args = [arg for target in targets for arg in ("--target", target)]
    host = host_factory(suite, *args)
    session = HostSession(host.port)
    session.reset()
    sequence = []

    def record(result):
        instance = session.context.instance(result["instance"])
        sequence.append((session.plugins_by_id[result["plugin"]].__name__,
                         instance.name if instance is not None else None, result["success"]))

    session.publish(on_result=record)
    return sequence


@pytest.mark.parametrize(("suite", "targets"), SUITES, ids=["%s%s" % (s, "+" + ",".join(t) if t else "")
                                                             for s, t in SUITES])
def test_same_pairs_as_headless_publish(host_factory, suite, targets):
    expected = headless_publish(suite, targets)
    assert expected, "the suite must process something"
    assert one_pair_at_a_time(host_factory, suite, targets) == expected


def test_failed_validation_stops_before_extraction(host_factory):
    sequence = one_pair_at_a_time(host_factory, "cvei", [])
    names = [name for name, _, _ in sequence]
    assert ("ValidateNaming", "broken", False) in sequence
    assert "ExtractModel" not in names and "IntegrateModel" not in names


def test_inactive_collector_never_runs_and_unpublished_instances_are_skipped(host_factory):
    optional = one_pair_at_a_time(host_factory, "optional", [])
    assert "CollectInactive" not in [name for name, _, _ in optional]
    unpublished = one_pair_at_a_time(host_factory, "unpublished", [])
    assert ("CollectMore", "skip", True) not in unpublished
    assert ("ValidateModel", "keep", True) in unpublished
    assert "ValidateRare" not in [name for name, _, _ in unpublished]
