"""The thumbnails window tests' fixtures: a real UI in this process showing a real host process
serving the thumbnails suite (tests/fixtures/suites/thumbnails), fresh after a Reset per test."""

from __future__ import annotations

import pytest
from thumbnail_helpers import picture
from window_helpers import fresh_after_reset, host_window


@pytest.fixture(scope="module")
def shown(qapp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("thumbnails")
    thumb = picture(folder / "collected.png", 640, 360, "#e07b39", "#3a6ea5")
    with host_window(qapp, folder, "thumbnails", PYBLISH_TEST_THUMB=thumb) as application:
        application.collected = thumb
        yield application


@pytest.fixture
def ui(shown, qtbot):
    return fresh_after_reset(shown, qtbot)
