"""Thumbnails in the real window (Xvfb) against a real host process: the collector's picture on
its row and its Perspective page; a real Ctrl+V pastes the clipboard's image, a real drop of a
file on a row sets another's, a region grab of the real screen (Qt's X11 grab) and the host's
Capture hook set a third's; Publish, and the plugin in the host receives each as
``instance.data["thumbnail"]``, a PNG in a per-run folder. Screenshots (dark and light, 430×600
and wide) go to test-artifacts/, and to docs/ with PYBLISH_QML_UPDATE_DOCS=1."""

from __future__ import annotations

import math
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication, QImage, QPixmap
from PySide6.QtQuick import QQuickWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from thumbnail_helpers import picture
from window_helpers import ARTIFACTS, centre, click, find, lookup, needs_display, publish_with_the_button, resize

pytestmark = needs_display
CTRL = Qt.KeyboardModifier.ControlModifier


def received(ui) -> dict:
    return {line.split(" ", 2)[1]: line.split(" ", 2)[2] for line in ui.log.read_text().splitlines()
            if line.startswith("thumb ")}


def select(ui, qtbot, name: str) -> None:
    body = find(ui, "rowBody", find(ui, "instance:" + name))
    qtbot.waitUntil(body.isVisible, timeout=3000)
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(body))
    qtbot.waitUntil(lambda: ui.controller.models.detail.label == name, timeout=3000)


def loaded(image) -> bool:
    """An Image item has its picture (read and decoded off the GUI thread)."""
    return image.property("progress") == 1.0 and image.property("implicitWidth") > 0


def chosen(ui, name: str) -> str:
    return ui.controller.options_panel.thumbnails.chosen.path(name)


def stats(path: str) -> tuple[float, float, QColor]:
    """(mean luminance, its standard deviation, the mean colour) of an image file."""
    image = QImage(path).convertToFormat(QImage.Format.Format_RGB32)
    assert not image.isNull(), path
    values, total = [], [0, 0, 0]
    for y in range(0, image.height(), max(1, image.height() // 40)):
        for x in range(0, image.width(), max(1, image.width() // 40)):
            colour = image.pixelColor(x, y)
            values.append(0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue())
            total = [total[0] + colour.red(), total[1] + colour.green(), total[2] + colour.blue()]
    mean = sum(values) / len(values)
    deviation = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
    return mean, deviation, QColor(*(round(t / len(values)) for t in total))


def drop_file(ui, target, path: str) -> None:
    """A real drag of a file onto an item: enter, move and drop events at its centre."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    point = QPointF(centre(target))
    how = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    for event in (QDragEnterEvent(point.toPoint(), *how), QDragMoveEvent(point.toPoint(), *how),
                  QDropEvent(point, *how)):
        QCoreApplication.sendEvent(ui.window, event)


def shots(ui, name: str, *more: str) -> None:
    QTest.mouseMove(ui.window, QPoint(2, ui.window.height() - 2))  # no hover tooltip in the picture
    QTest.qWait(700)
    ARTIFACTS.mkdir(exist_ok=True)
    ui.window.grabWindow().save(str(ARTIFACTS / ("thumbnails-%s.png" % name)))
    for path in more:
        ui.window.grabWindow().save(path)


def test_paste_and_drop_reach_the_plugin_and_the_collectors_picture_shows(ui, qtbot, docs_image):
    controller = ui.controller
    controller.preferences.setTheme("dark")
    resize(ui, qtbot, 1200, 720)  # wide: the details pane shows the selected instance
    row_image = lookup(find(ui, "instance:shot010"), "rowThumbnailImage")
    qtbot.waitUntil(lambda: loaded(row_image), timeout=5000)
    ratio = ui.window.devicePixelRatio()  # decoded at the size drawn on this screen, not the picture's 360 px
    assert row_image.property("sourceSize").height() == math.ceil(row_image.height() * ratio) <= 40
    assert not lookup(find(ui, "instance:shot020"), "rowThumbnail").isVisible()  # none: no empty frame

    select(ui, qtbot, "shot010")
    large = find(ui, "thumbnailImage", find(ui, "detailsPane"))
    qtbot.waitUntil(lambda: loaded(large) and large.property("paintedWidth") > 300, timeout=5000)
    assert find(ui, "captureThumbnail", find(ui, "detailsPane")).isVisible()  # the host offers a capture hook

    # Paste: an image on the clipboard and a real Ctrl+V on shot020's page.
    select(ui, qtbot, "shot020")
    pasted = QImage(300, 200, QImage.Format.Format_RGB32)
    pasted.fill(QColor("#2aa876"))
    QGuiApplication.clipboard().setImage(pasted)
    QTest.keyClick(ui.window, Qt.Key.Key_V, CTRL)
    qtbot.waitUntil(lambda: chosen(ui, "shot020") != "", timeout=5000)
    assert os.path.isfile(chosen(ui, "shot020"))
    assert QImage(chosen(ui, "shot020")).pixelColor(150, 100) == QColor("#2aa876")
    qtbot.waitUntil(lambda: loaded(lookup(find(ui, "instance:shot020"), "rowThumbnailImage")),
                    timeout=5000)
    assert find(ui, "thumbnailSection", find(ui, "detailsPane")).property("title") == "Thumbnail — chosen here"

    # Drop: a 3000 px file onto shot030's row (not selected) becomes its thumbnail, at most 1024 px.
    big = picture(ui.folder / "dropped.png", 3000, 1500, "#7a3fb0", "#f2c14e")
    drop_file(ui, find(ui, "rowBody", find(ui, "instance:shot030")), big)
    qtbot.waitUntil(lambda: chosen(ui, "shot030") != "", timeout=5000)
    assert QImage(chosen(ui, "shot030")).size().toTuple() == (1024, 512)
    drop_file(ui, find(ui, "rowBody", find(ui, "instance:shot010")), str(ui.log))  # not an image: ignored
    qtbot.wait(200)
    assert chosen(ui, "shot010") == ""
    select(ui, qtbot, "shot010")
    qtbot.wait(300)
    shots(ui, "wide-dark", docs_image("thumbnails-wide.png"))
    controller.preferences.setTheme("light")
    qtbot.wait(200)
    shots(ui, "wide-light", docs_image("thumbnails-wide-light.png"))
    controller.preferences.setTheme("dark")

    publish_with_the_button(ui, qtbot)
    got = received(ui)
    assert got["shot010"] == ui.collected  # the collector's, untouched
    assert got["shot020"] == chosen(ui, "shot020") and got["shot030"] == chosen(ui, "shot030")
    folder = Path(got["shot020"]).parent
    assert folder.name.startswith("run-") and folder == Path(got["shot030"]).parent  # this run's folder


def test_a_region_of_the_screen_and_the_hosts_capture(ui, qtbot, docs_image):
    controller = ui.controller
    resize(ui, qtbot, 430, 600)
    ui.window.setPosition(0, 0)
    # The "DCC's viewport": another window on the screen, right of ours, with a known picture.
    viewport = QLabel()
    viewport.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.X11BypassWindowManagerHint)
    viewport.setPixmap(QPixmap.fromImage(QImage(picture(ui.folder / "viewport.png", 400, 240, "#d03030", "#30d0d0"))))
    viewport.setGeometry(700, 200, 400, 240)
    viewport.show()
    qtbot.waitExposed(viewport)
    qtbot.wait(300)
    try:
        click(ui, find(ui, "instance:shot020"))  # narrow: open its Perspective page
        QTest.mouseDClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                          centre(find(ui, "rowBody", find(ui, "instance:shot020"))))
        qtbot.waitUntil(lambda: find(ui, "overviewStack").property("busy") is False, timeout=3000)  # the page pushed
        grab_button = lookup(ui.window.contentItem(), "grabThumbnail", visible_only=True)
        qtbot.waitUntil(lambda: grab_button is not None and grab_button.isVisible(), timeout=3000)
        click(ui, grab_button)
        overlay = []
        qtbot.waitUntil(lambda: overlay.extend(w for w in QGuiApplication.topLevelWindows()
                                               if isinstance(w, QQuickWindow) and w.objectName() == "regionGrab"
                                               and w.isExposed()) or bool(overlay), timeout=5000)
        window = overlay[0]
        qtbot.wait(200)
        before = chosen(ui, "shot020")
        QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(720, 220))
        QTest.mouseMove(window, QPoint(900, 300))
        QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(1080, 420))
        qtbot.waitUntil(lambda: chosen(ui, "shot020") not in ("", before), timeout=5000)
    finally:
        viewport.close()
    grabbed = chosen(ui, "shot020")
    image = QImage(grabbed)
    assert image.size().toTuple() == (360, 200)
    mean, deviation, colour = stats(grabbed)
    assert deviation > 10, "a blank grab"  # a gradient, not one colour
    left, right = image.pixelColor(5, 100), image.pixelColor(354, 100)
    assert left.red() > 150 and left.blue() < 120, left.name()  # the viewport's red side ...
    assert right.blue() > 150 and right.red() < 150, right.name()  # ... to its cyan side
    qtbot.waitUntil(lambda: not any(w.objectName() == "regionGrab" and w.isVisible()
                                    for w in QGuiApplication.topLevelWindows()), timeout=3000)

    # The host's Capture hook (tests/fixtures/suites/thumbnails): a 160×90 gradient written in the host.
    capture = lookup(ui.window.contentItem(), "captureThumbnail", visible_only=True)
    assert capture is not None
    click(ui, capture)
    qtbot.waitUntil(lambda: chosen(ui, "shot020") not in ("", grabbed), timeout=10000)
    captured = chosen(ui, "shot020")
    assert QImage(captured).size().toTuple() == (160, 90) and stats(captured)[1] > 10
    qtbot.wait(300)
    controller.preferences.setTheme("dark")
    shots(ui, "dark", docs_image("thumbnails.png"))
    controller.preferences.setTheme("light")
    qtbot.wait(200)
    shots(ui, "light", docs_image("thumbnails-light.png"))
    controller.preferences.setTheme("dark")

    publish_with_the_button(ui, qtbot)
    assert received(ui)["shot020"] == captured
