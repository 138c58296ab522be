"""Maya, Nuke and Houdini keep the window's toggles and options with their scene
(integrations/keepers.py), against the thread-faithful stand-ins (tests/standins/dcc_scenes.py):
through the real host service and a real window (Controller) on the stand-in's main thread, with
awkward characters, across a "reopened" scene (a new stand-in started from what the first kept);
what cannot be read back is logged and ignored. Houdini's capture hook too."""

from __future__ import annotations

import base64
import hashlib
import importlib
import json
import logging
import os
import re
import threading

import pytest
from kept_values import AWKWARD, WIRE_SAFE
from PySide6.QtGui import QImage

import pyblish_qml
from pyblish_qml.engine.session import HostSession
from pyblish_qml.host import keeper, scene
from pyblish_qml.integrations import keepers
from pyblish_qml.options import CAPTURE_KEY, KEPT_KEY

KINDS = ["maya", "nuke", "houdini"]
SCENES = {"maya": "/shots/sh010/sh010_v003.ma", "nuke": "/shots/sh010/sh010_comp_v007.nk",
          "houdini": "/shots/sh010/sh010_fx_v012.hip"}


def opened(kind: str, scene: str = "", kept: dict | None = None) -> dict:
    """What ``make(kind, **opened(...))`` passes: the scene file and what the scene keeps."""
    return {"maya": {"scene_name": scene, "file_info": kept}, "nuke": {"script": scene, "knobs": kept},
            "houdini": {"hip": scene, "user_data": kept}}[kind]


def store(parts: dict, kind: str):
    """The DCC's own store of what it keeps with the scene (and who touched it)."""
    modules = parts["modules"]
    return {"maya": lambda: modules["maya.cmds"].fileInfo, "nuke": lambda: modules["nuke"].root_node,
            "houdini": lambda: modules["hou"].root}[kind]()


def raw(parts: dict, kind: str) -> str | None:
    """The text the DCC holds under ``pyblish_qml_kept``."""
    found = store(parts, kind)
    if kind == "maya":
        return found.store.get(keepers.NAME)
    if kind == "nuke":
        return found.knobs[keepers.NAME]._value if keepers.NAME in found.knobs else None
    return found.user_data.get(keepers.NAME)


def saved(parts: dict, kind: str) -> dict:
    """The scene as saved: what a new stand-in opens."""
    found = store(parts, kind)
    if kind == "maya":
        return dict(found.store)
    return found.saved() if kind == "nuke" else dict(found.user_data)


def start(standin, kind: str, **scene) -> tuple[dict, object, HostSession]:
    parts = standin(kind, **scene)
    integration = importlib.import_module("pyblish_qml.integrations.%s" % kind)
    integration.setup(menu=False)
    session = HostSession(pyblish_qml.install(port=0))
    session.reset()
    return parts, integration, session


def stop(integration) -> None:
    integration.teardown()
    pyblish_qml.uninstall()


@pytest.mark.parametrize("kind", KINDS)
def test_what_the_window_sends_is_kept_in_the_scene_and_read_when_it_is_opened_again(standin, kind):
    parts, integration, session = start(standin, kind, **opened(kind, SCENES[kind]))
    try:
        assert KEPT_KEY not in session.context.data  # nothing kept yet
        session.update(KEPT_KEY, WIRE_SAFE)  # the window, on a toggle or an option edit
        text = raw(parts, kind)
        if kind == "houdini":  # readable JSON, ASCII only
            assert json.loads(text) == WIRE_SAFE and text.isascii()
        else:  # base64: nothing MEL or Tcl escapes
            assert re.fullmatch(r"[A-Za-z0-9+/]+=*", text) and json.loads(base64.b64decode(text)) == WIRE_SAFE
        if kind == "nuke":
            root = store(parts, kind)
            assert root.knobs[keepers.NAME].getFlag(parts["modules"]["nuke"].INVISIBLE)
            assert root.modified_flag is False  # a toggle is no change to the comp
        session.reset()  # the window's Reset
        assert session.context.data[KEPT_KEY] == WIRE_SAFE
        assert parts["main"].call(keeper.registered_scene_file()) == SCENES[kind]  # for the default keeper
        assert set(store(parts, kind).touched_from) == {parts["main"].thread.name}  # the main thread only
    finally:
        stop(integration)
    assert keeper.registered_keeper() is None and keeper.registered_scene_file() is None  # teardown removed them

    parts, integration, session = start(standin, kind, **opened(kind, SCENES[kind], saved(parts, kind)))
    try:  # the DCC started again, the saved scene opened
        assert session.context.data[KEPT_KEY] == WIRE_SAFE
    finally:
        stop(integration)


@pytest.mark.parametrize("kind", KINDS)
def test_awkward_values_round_trip_and_the_stand_in_catches_another_thread(standin, kind):
    parts = standin(kind, **opened(kind))
    integration = importlib.import_module("pyblish_qml.integrations.%s" % kind)
    integration.setup(menu=False)
    try:
        main = parts["main"]
        main.call(keeper.save, None, AWKWARD)  # NUL, C0 controls, quotes, backslashes, non-ASCII, an emoji
        assert main.call(keeper.load, None) == AWKWARD
        assert main.call(keeper.registered_scene_file()) == ""  # an untitled scene: no file
        assert keeper.load(None) is None  # from this thread: the stand-in refuses, the keeper logs it
        assert threading.current_thread().name in store(parts, kind).touched_from
    finally:
        integration.teardown()


UNREADABLE = ["{not json", "%%% not base64 %%%", base64.b64encode(b"[1, 2]").decode(),
              base64.b64encode(b"\xff\xfe{").decode(), '"just text"']


@pytest.mark.parametrize("kind", KINDS)
def test_a_value_that_cannot_be_read_is_logged_and_ignored(standin, kind, caplog):
    for text in UNREADABLE:
        parts = standin(kind, **opened(kind, kept=_kept_as(kind, text)))
        integration = importlib.import_module("pyblish_qml.integrations.%s" % kind)
        integration.setup(menu=False)
        try:
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="pyblish_qml"):
                assert parts["main"].call(keeper.load, None) is None, text
            assert [r for r in caplog.records if r.getMessage().startswith("ignored ")], (text, caplog.text)
        finally:
            integration.teardown()


def test_json_written_by_hand_is_read_as_maya_hands_it_back_escaped(standin):
    by_hand = '{"toggles": {"instances": {"sh\\"ot": false}}, "options": {"": {"A": {"path": "C:\\\\x\\ny"}}}}'
    parts = standin("maya", **opened("maya", kept={keepers.NAME: by_hand}))
    from pyblish_qml.integrations import maya

    maya.setup(menu=False)
    try:
        file_info = parts["modules"]["maya.cmds"].fileInfo
        [handed_back] = parts["main"].call(file_info, keepers.NAME, query=True)
        assert handed_back.startswith('{\\"toggles\\": ')  # Maya hands it back escaped: not JSON as it stands
        assert parts["main"].call(keeper.load, None) == json.loads(by_hand)
    finally:
        maya.teardown()


def test_nuke_hides_its_knob_again_in_a_script_that_shows_it(standin):
    parts = standin("nuke", **opened("nuke", kept={keepers.NAME: (keepers.as_base64(WIRE_SAFE), [])}))
    from pyblish_qml.integrations import nuke

    nuke.setup(menu=False)
    try:
        root = parts["modules"]["nuke"].root_node
        assert parts["main"].call(keeper.load, None) == WIRE_SAFE and not root.knobs[keepers.NAME].flags
        parts["main"].call(keeper.save, None, AWKWARD)
        assert root.knobs[keepers.NAME].flags == {parts["modules"]["nuke"].INVISIBLE} and root.modified_flag is False
        assert parts["main"].call(keeper.load, None) == AWKWARD
    finally:
        nuke.teardown()


def _kept_as(kind: str, text: str) -> dict:
    return {keepers.NAME: (text, [0x400])} if kind == "nuke" else {keepers.NAME: text}


@pytest.mark.parametrize("kind", KINDS)
def test_without_the_scene_keeper_the_default_one_keeps_per_dcc_scene_file(standin, kind, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    parts, integration, session = start(standin, kind, **opened(kind, SCENES[kind]))
    try:
        keeper.deregister_keeper()  # a TD who wants the per-user files
        session.update(KEPT_KEY, WIRE_SAFE)
        name = hashlib.sha1(os.path.abspath(SCENES[kind]).encode("utf-8")).hexdigest()[:16] + ".json"
        kept = json.loads((tmp_path / "data" / "pyblish-qml" / "kept" / name).read_text(encoding="utf-8"))
        assert kept == dict(WIRE_SAFE, scene=SCENES[kind]) and raw(parts, kind) is None
        session.reset()
        assert session.context.data[KEPT_KEY] == dict(WIRE_SAFE, scene=SCENES[kind])
    finally:
        stop(integration)


# ---------------------------------------------------------------------- a real window


def open_window(port: int, qtbot):
    from pyblish_qml.app.controller import Controller
    from pyblish_qml.app.live.state import State

    controller = Controller()
    controller.show_host(port, {})
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset",
                    timeout=15000)
    return controller


def toggled(controller, name: str) -> bool:
    return next(i for i in controller.models.instance_model.items() if i["name"] == name)["isToggled"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_toggle_in_the_window_survives_its_reset_and_a_reopened_scene(standin, kind, qtbot):
    """The window (a real controller) on the stand-in's host: untick pSphere1, Reset (the collector
    ticks it again; the kept choice wins), then the DCC started again on the saved scene, a new window."""
    from pyblish_qml.app.live.state import State

    parts, integration, session = start(standin, kind, **opened(kind, SCENES[kind]))
    controller = open_window(session.port, qtbot)
    try:
        assert toggled(controller, "pSphere1") is True
        sphere = next(i for i in controller.models.instance_model.items() if i["name"] == "pSphere1")
        controller.toggles.set_toggled("instance", [sphere["id"]], False)
        qtbot.waitUntil(lambda: raw(parts, kind) is not None, timeout=5000)  # sent, kept in the scene
        assert keepers.parse(raw(parts, kind), "test")["toggles"]["instances"] == {"pSphere1": False}
        controller.reset()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset",
                        timeout=15000)
        qtbot.waitUntil(lambda: toggled(controller, "pSphere1") is False, timeout=5000)
        assert toggled(controller, "pCube1") is True
        assert set(store(parts, kind).touched_from) == {parts["main"].thread.name}
    finally:
        controller.shutdown()
        stop(integration)

    parts, integration, session = start(standin, kind, **opened(kind, SCENES[kind], saved(parts, kind)))
    controller = open_window(session.port, qtbot)
    try:
        qtbot.waitUntil(lambda: toggled(controller, "pSphere1") is False, timeout=5000)
        assert toggled(controller, "pCube1") is True and toggled(controller, "camera1") is True
    finally:
        controller.shutdown()
        stop(integration)


# ---------------------------------------------------------------------- Houdini's capture hook


def test_houdini_flipbooks_one_frame_of_the_scene_view_for_the_capture_button(standin, tmp_path):
    parts, integration, session = start(standin, "houdini", ui=True)
    try:
        hou = parts["modules"]["hou"]
        assert session.context.data[CAPTURE_KEY] is True  # the window offers Capture
        target = tmp_path / "captures" / "pCube1.png"
        session.update(CAPTURE_KEY, {"path": str(target), "instance": "pCube1"})
        image = QImage(str(target))
        assert (image.width(), image.height()) == (640, 360)
        [flipbook] = hou.viewer.flipbooks
        assert flipbook["frameRange"] == (1001.0, 1001.0) and flipbook["outputToMPlay"] is False
        assert flipbook["output"] == str(target) and flipbook["viewport"] == "persp1"
        assert hou.viewer.settings.values["output"] == ""  # the artist's own flipbook settings are untouched
        assert set(hou.viewer.touched_from) == {parts["main"].thread.name}
    finally:
        stop(integration)
    from pyblish_qml.host import capture

    assert not capture.offered()  # teardown removed the hook


def test_hython_has_no_viewport_and_the_capture_says_so(standin, tmp_path, caplog):
    parts, integration, session = start(standin, "houdini", ui=False)
    try:
        target = tmp_path / "pCube1.png"
        with caplog.at_level(logging.WARNING, logger="pyblish_qml"):
            session.update(CAPTURE_KEY, {"path": str(target), "instance": "pCube1"})
        assert not target.exists()
        assert "the capture hook failed: Houdini runs without its window here (hython)" in caplog.text
    finally:
        stop(integration)


def beat(parts: dict) -> str | None:
    """The token a heartbeat sends once the main thread has answered its posted read."""
    scene.scene_token()  # posts the read (Nuke's and Houdini's stand-ins run it later)
    parts["main"].call(lambda: None)  # the main thread has run it
    return scene.scene_token()


def modified(parts: dict, kind: str) -> bool:
    modules = parts["modules"]
    return {"maya": lambda: modules["maya.cmds"].fileInfo.modified,
            "nuke": lambda: modules["nuke"].root_node.modified_flag,
            "houdini": lambda: modules["hou"].hipFile.unsaved}[kind]()


def set_modified(parts: dict, kind: str, value: bool) -> None:
    """The artist edits the scene (True), or saves it (False)."""
    modules = parts["modules"]
    target = {"maya": lambda: (modules["maya.cmds"].fileInfo, "modified"),
              "nuke": lambda: (modules["nuke"].root_node, "modified_flag"),
              "houdini": lambda: (modules["hou"].hipFile, "unsaved")}[kind]()
    setattr(*target, value)


@pytest.mark.parametrize("kind", KINDS)
def test_a_toggle_after_validating_is_no_scene_change_and_an_edit_after_it_is(standin, kind):
    """The window's keeper write, through the real host service, is not the artist changing the
    scene (issues 21 and 24): the token sent stays the validated one. Maya and Nuke put their
    modified flag back; Houdini cannot, so its .hip stays modified (a save keeps the choice) and
    the host masks its own write until the scene moves on: a save, then an edit, is a change."""
    parts, integration, session = start(standin, kind, **opened(kind, SCENES[kind]))
    try:
        validated = beat(parts)
        assert validated == "False"
        session.update(KEPT_KEY, WIRE_SAFE)  # the artist toggles an instance after validating
        assert raw(parts, kind) is not None
        assert beat(parts) == validated and beat(parts) == validated
        assert modified(parts, kind) is (kind == "houdini")
        if kind == "houdini":
            set_modified(parts, kind, False)  # saved: the kept choice is in the .hip
            assert beat(parts) == validated
        set_modified(parts, kind, True)  # the artist edits the scene
        assert beat(parts) == "True" != validated
    finally:
        stop(integration)
