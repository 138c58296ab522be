"""The comment rule in words, and the settings that set it (no window)."""

from __future__ import annotations

import pytest

from pyblish_qml.app.options.comments import InstanceComments, rule_reason
from pyblish_qml.app.shell.settings import WindowSettings


@pytest.mark.parametrize("comment, required, minimum, reason", [
    ("", False, 0, ""),
    ("", True, 0, "Comment: required before publishing"),
    ("fixed the", False, 21, "Comment: 12 more characters needed"),
    ("  padded  ", False, 7, "Comment: 1 more character needed"),  # spaces do not count
    ("long enough now", True, 10, ""),
])
def test_the_rule_says_what_is_missing(comment, required, minimum, reason):
    assert rule_reason(comment, required, minimum) == reason


def test_settings_take_the_rule_and_refuse_nonsense():
    settings = WindowSettings()
    warnings = settings.apply({"CommentRequired": True, "CommentMinLength": 12, "InstanceComment": 1,
                               "InstanceColumns": ("version", "outputPath")})
    assert not warnings
    assert settings.values["CommentMinLength"] == 12 and settings.values["InstanceColumns"] == ["version", "outputPath"]
    assert settings.apply({"CommentMinLength": -3}) and settings.values["CommentMinLength"] == 12
    assert settings.apply({"CommentMinLength": True}) and settings.values["CommentMinLength"] == 12


def test_instances_inherit_the_context_comment_unless_they_have_their_own():
    comments = InstanceComments()
    instances = [{"id": "c", "isContext": True}, {"id": "a", "name": "A"}, {"id": "b", "name": "B"}]
    assert comments.writes(instances, "shared") == []  # the pipeline did not ask
    comments.enabled = True
    comments.set("A", "only A")
    assert comments.writes(instances, "shared") == [("a", "comment", "only A"), ("b", "comment", "shared")]
    assert comments.writes(instances, "shared") == []  # sent already
    assert comments.writes(instances, "changed") == [("b", "comment", "changed")]
