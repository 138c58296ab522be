import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import HostProcess, isolated_env

for _name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = isolated_env()[_name]  # this process never touches the real user's folders


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


@pytest.fixture
def docs_image(tmp_path):
    """Where a test saves a documentation screenshot: docs/ when PYBLISH_QML_UPDATE_DOCS=1
    (refreshing the README's pictures on purpose), else the test's tmp dir (a run leaves git clean)."""
    docs = Path(__file__).resolve().parent.parent / "docs"

    def path(name: str) -> str:
        folder = docs if os.environ.get("PYBLISH_QML_UPDATE_DOCS") == "1" else tmp_path
        return str(folder / name)

    return path


if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # model tests need no screen
