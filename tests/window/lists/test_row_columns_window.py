"""The InstanceColumns values on the instance rows, in the real window (Xvfb) against a real host
process: at 430×600 they are elided on the right of the name without covering the toggle, the
thumbnail, the farm mark or the arrow, whole when they fit; wide, they show whole; the setting emptied, nothing shows.
Screenshots (dark and light, narrow and wide) go to test-artifacts/, and to docs/ with
PYBLISH_QML_UPDATE_DOCS=1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from window_helpers import ARTIFACTS, click, find, fresh_after_reset, host_window, needs_display, resize

pytestmark = needs_display
KEYS = ["version", "outputPath", "task"]


@pytest.fixture(scope="module")
def shown(qapp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("row_columns")
    picture = QImage(640, 360, QImage.Format.Format_RGB32)
    picture.fill(QColor("#3a6ea5"))
    picture.save(str(folder / "collected.png"))
    with host_window(qapp, folder, "thumbnails", PYBLISH_TEST_THUMB=str(folder / "collected.png"),
                     PYBLISH_TEST_COLUMNS="1") as application:
        yield application


@pytest.fixture
def ui(shown, qtbot):
    return fresh_after_reset(shown, qtbot)


def box(item) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def parts(row) -> dict:
    names = ("statusCheck", "rowThumbnail", "rowLabel", "rowColumns", "farmRowToggle", "perspectiveButton")
    return {name: find(None, name, row) for name in names}


def shots(ui, name: str, *more: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    ui.window.grabWindow().save(str(ARTIFACTS / ("row-columns-%s.png" % name)))
    for path in more:
        ui.window.grabWindow().save(path)


def test_where_each_publish_goes_shows_on_its_row_elided_and_clear_of_the_rows_controls(ui, qtbot, docs_image):
    controller = ui.controller
    controller.preferences.setTheme("dark")
    resize(ui, qtbot, 430, 600)
    row = find(ui, "instance:shot010")
    columns = find(ui, "rowColumns", row)
    assert not columns.isVisible()  # the setting is empty: nothing on the row
    controller.apply_host_settings({"InstanceColumns": KEYS})
    try:
        qtbot.waitUntil(columns.isVisible, timeout=3000)
        path = "/mnt/projects/dune3/shots/shot010/publish/render/shot010_comp_v012.exr"
        assert columns.property("text") == " · ".join(["v012", "…/shot010_comp_v012.exr", "comp"])
        click(ui, find(ui, "rowBody", row))  # selected: the farm mark's cloud shows
        found = parts(row)
        qtbot.waitUntil(lambda: found["farmRowToggle"].property("opacity") > 0
                        and find(None, "rowThumbnailImage", row).property("progress") == 1.0, timeout=5000)
        qtbot.wait(100)
        assert not columns.property("truncated")  # it fits at 430 px: whole
        long = find(ui, "rowColumns", find(ui, "instance:shot030"))
        assert long.property("truncated")  # a longer file name is elided, in the middle
        boxes = {name: box(item) for name, item in found.items()}
        assert all(rect.width() > 0 for rect in boxes.values())
        for name, rect in boxes.items():  # side by side, never over one another
            for other, second in boxes.items():
                if name < other:
                    assert not rect.intersected(second).isValid() or rect.intersected(second).width() < 1, (name, other)
        assert boxes["rowLabel"].right() <= boxes["rowColumns"].left() <= boxes["farmRowToggle"].left()
        assert box(find(None, "rowBody", row)).contains(boxes["rowColumns"])
        assert not found["rowLabel"].property("truncated")  # the name keeps its room before the values do
        shots(ui, "narrow-dark", docs_image("row-columns.png"))
        controller.preferences.setTheme("light")
        qtbot.wait(100)
        shots(ui, "narrow-light", docs_image("row-columns-light.png"))

        resize(ui, qtbot, 1200, 720)
        controller.preferences.setSplit("side", 0.75)  # the artist gave the instances more of the width
        qtbot.wait(100)
        shots(ui, "wide-light", docs_image("row-columns-wide-light.png"))
        qtbot.waitUntil(lambda: not long.property("truncated"), timeout=3000)  # wide: whole
        controller.preferences.setTheme("dark")
        qtbot.wait(100)
        shots(ui, "wide-dark", docs_image("row-columns-wide.png"))
        rows = controller.models.instanceRows  # the tooltip: every key and whole value
        shot = next(i["id"] for i in controller.models.instance_model.items() if i["name"] == "shot010")
        tip_role = next(r for r, n in rows.roleNames().items() if bytes(n.data()) == b"columnsTip")
        assert rows.data(rows.index(rows.keys().index(shot), 0), tip_role) == "\n".join(
            ["version: v012", "outputPath: " + path, "task: comp"])
    finally:
        controller.apply_host_settings({"InstanceColumns": []})
        controller.preferences.setSplit("side", 0.5)
        resize(ui, qtbot, 430, 600)
    qtbot.waitUntil(lambda: not columns.isVisible(), timeout=3000)
