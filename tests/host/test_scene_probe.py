"""The host's scene probe (host/scene.py): tokens as text, a broken probe asked once, a deferred
probe that never waits for the main thread."""

from __future__ import annotations

from pyblish_qml.host import scene


def test_tokens_travel_as_text_and_a_broken_probe_is_asked_once():
    calls = []
    try:
        scene.register_scene_probe(lambda: 3)
        assert scene.scene_token() == "3"

        def broken():
            calls.append(1)
            raise RuntimeError("scene gone")

        scene.register_scene_probe(broken)
        assert scene.scene_token() is None and scene.scene_token() is None and calls == [1]
    finally:
        scene.deregister_scene_probe()
    assert scene.scene_token() is None


def test_a_deferred_probe_posts_a_read_and_returns_what_the_last_read_found():
    posted, value = [], ["clean"]
    probe = scene.deferred_probe(lambda: value[0], posted.append)
    assert probe() is None and len(posted) == 1  # nothing read yet; one read posted
    assert probe() is None and len(posted) == 1  # never a second one while the first waits
    posted.pop()()  # the main thread runs it
    value[0] = "dirty"
    assert probe() == "clean" and len(posted) == 1
    posted.pop()()
    assert probe() == "dirty"


def test_the_windows_own_write_is_quiet_and_the_next_real_edit_is_not():
    """A keeper write that moves the token is sent as the token from before; an edit after it is sent."""
    count = [0]
    scene.register_scene_probe(lambda: count[0])
    try:
        validated = scene.scene_token()
        assert scene.quiet(lambda: count.__setitem__(0, count[0] + 1) or "kept") == "kept"
        assert count[0] == 1 and scene.scene_token() == validated  # the window's own write: no change
        scene.quiet(lambda: count.__setitem__(0, count[0] + 1))  # a second toggle: still the same
        assert scene.scene_token() == validated
        count[0] += 1  # the artist edits the scene
        assert scene.scene_token() == "3" != validated
        scene.quiet(lambda: None)  # a write that moves nothing masks nothing
        assert scene.scene_token() == "3"
    finally:
        scene.deregister_scene_probe()


def test_a_quiet_write_reads_a_deferred_probe_at_once_on_the_main_thread():
    """The heartbeat's deferred read may be stale; the bracket reads the scene itself, so the flag
    its own write set is masked, and a save and an edit afterwards are seen."""
    posted, modified = [], [False]
    probe = scene.deferred_probe(lambda: modified[0], posted.append)
    scene.register_scene_probe(probe)
    try:
        assert scene.scene_token() == "None"
        posted.pop()()
        validated = scene.scene_token()
        assert validated == "False"
        scene.quiet(lambda: modified.__setitem__(0, True))  # Houdini: user data marks the .hip modified
        assert scene.scene_token() == validated
        posted.pop()()  # the heartbeat's read finds the flag set: still the write's own
        assert scene.scene_token() == validated
        modified[0] = False  # the artist saves...
        posted.pop()()
        assert scene.scene_token() == "False"
        modified[0] = True  # ...and edits: a change
        posted.pop()()
        assert scene.scene_token() == "True"
    finally:
        scene.deregister_scene_probe()


def test_without_a_probe_or_with_a_broken_one_the_write_just_runs():
    assert scene.quiet(lambda: 5) == 5
    scene.register_scene_probe(lambda: 1 / 0)
    try:
        assert scene.quiet(lambda: 6) == 6
    finally:
        scene.deregister_scene_probe()


def test_a_beat_in_the_middle_of_a_quiet_write_or_straddling_it_sends_the_token_from_before():
    """The heartbeat reads on its own thread: a beat during the write, or one whose read began
    before the write and ends after it, never sends the write's own token."""
    count = [0]
    during: list = []
    straddle = [True]

    def straddling_probe():
        value = count[0]
        if straddle[0]:  # this beat's read began before the write...
            straddle[0] = False
            during.append(scene.quiet(lambda: count.__setitem__(0, 1) or scene.scene_token()))  # ...which runs now
        return value

    scene.register_scene_probe(straddling_probe)
    try:
        assert scene.scene_token() == "0"  # read before the write, answered after it: masked, not cleared
        assert during == ["0"]  # the beat in the middle of the write was held
        assert scene.scene_token() == "0"  # the mask held on
        count[0] = 2
        assert scene.scene_token() == "2"
    finally:
        scene.deregister_scene_probe()
