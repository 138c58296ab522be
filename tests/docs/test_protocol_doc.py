"""docs/protocol.md documents the servers' real method lists, and the docstrings point into it."""

from __future__ import annotations

import re

from helpers import REPO

from pyblish_qml.app.hosts.control_server import API as CONTROL_API
from pyblish_qml.app.hosts.control_server import ControlApi
from pyblish_qml.host.service import API as HOST_API
from pyblish_qml.host.service import HostService

PROTOCOL = REPO / "docs" / "protocol.md"


def documented(section: str) -> list[str]:
    """Method names in the first column of the table under ``## <section>``."""
    text = PROTOCOL.read_text(encoding="utf-8")
    body = text.split("\n## %s\n" % section, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)\(", body, flags=re.MULTILINE)


def test_the_control_api_is_documented_as_served():
    assert documented("Control API") == list(CONTROL_API)
    assert all(callable(getattr(ControlApi, name, None)) for name in CONTROL_API)


def test_the_host_service_api_is_documented_as_served():
    assert documented("Host service API") == list(HOST_API)
    assert all(callable(getattr(HostService, name, None)) for name in HOST_API)


def test_docstrings_point_into_the_repository_not_to_an_absent_spec():
    sources = list((REPO / "pyblish_qml").rglob("*.py"))
    stale = [str(p.relative_to(REPO)) for p in sources if "SPEC §" in p.read_text(encoding="utf-8")]
    assert stale == []
    assert (REPO / "docs" / "architecture.md").exists()
    assert "security.md" in PROTOCOL.read_text(encoding="utf-8")
