import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import HostProcess  # noqa: E402


@pytest.fixture
def host_factory():
    """Start real host processes; all are stopped at the end of the test."""
    started: list[HostProcess] = []

    def start(suite, *args, **kwargs) -> HostProcess:
        host = HostProcess(suite, *args, **kwargs)
        started.append(host)
        return host

    yield start
    for host in started:
        host.stop()


if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # model tests need no screen
