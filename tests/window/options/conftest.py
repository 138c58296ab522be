"""The options window tests' fixtures: a real UI in this process showing a real host process
serving the options suite (tests/fixtures/suites/options), fresh after a Reset per test."""

from __future__ import annotations

import pytest
from window_helpers import fresh_after_reset, host_window


@pytest.fixture(scope="module")
def shown(qapp, tmp_path_factory):
    """A real UI in this process showing a real host serving the options suite."""
    with host_window(qapp, tmp_path_factory.mktemp("options"), "options") as application:
        yield application


@pytest.fixture
def ui(shown, qtbot):
    return fresh_after_reset(shown, qtbot)
