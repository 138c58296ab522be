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
