"""Options as declared, as a plugin reads them, and as the window keeps and sends them (no Qt)."""

from __future__ import annotations

import pytest

from pyblish_qml import options
from pyblish_qml.app.options.option_values import OptionValues


class Declares:
    options = [
        {"name": "denoise", "kind": "bool", "default": True},
        {"name": "quality", "kind": "enum", "items": ["low", "high"], "default": "high"},
        {"name": "samples", "kind": "number", "minimum": 1, "maximum": 10, "default": 4},
        {"name": "broken", "kind": "colour"},  # unknown kind: skipped with a warning, never an error
        {"name": "note", "default": "x"},  # kind from the default
    ]


class Ayon:
    class _Enum:
        type, key, label, default, tooltip = "enum", "lod", "LOD", 1, "level of detail"
        items = {0: "Low", 1: "High"}

    class _Label:
        type, key, label, default = "label", "title", "Title", None

    @classmethod
    def get_attribute_defs(cls):
        return [cls._Enum(), cls._Label()]


class Item:
    def __init__(self, data=None):
        self.data = data or {}


def test_declarations_become_the_documented_dicts():
    declared = options.declared(Declares)
    assert [o["name"] for o in declared] == ["denoise", "quality", "samples", "note"]
    assert declared[1]["items"] == [{"value": "low", "label": "low"}, {"value": "high", "label": "high"}]
    assert declared[2] == {"name": "samples", "kind": "number", "label": "samples", "tooltip": "", "minimum": 1.0,
                           "maximum": 10.0, "decimals": 0, "default": 4}
    assert declared[3]["kind"] == "text" and declared[3]["default"] == "x"


def test_ayon_style_definitions_are_read_by_their_attributes():
    (lod,) = options.declared(Ayon)  # the label holds no value: not an option
    assert lod["kind"] == "enum" and lod["default"] == 1 and lod["tooltip"] == "level of detail"
    assert lod["items"] == [{"value": 0, "label": "Low"}, {"value": 1, "label": "High"}]


@pytest.mark.parametrize("value, expected", [(99, 10), (0, 1), (2.6, 3), ("7", 4), (None, 4), (True, 4)])
def test_numbers_are_clamped_and_rounded_and_nonsense_is_the_default(value, expected):
    samples = options.declared(Declares)[2]
    assert options.coerce(samples, value) == expected


def test_a_plugin_reads_defaults_without_the_window_and_choices_with_it():
    assert options.values(Declares, Item()) == {"denoise": True, "quality": "high", "samples": 4, "note": "x"}
    chosen = Item({options.KEY: {"Declares": {"samples": 99, "quality": "low"}}})
    assert options.values(Declares(), chosen) == {"denoise": True, "quality": "low", "samples": 10, "note": "x"}


def _values() -> tuple[OptionValues, dict]:
    plugin = {"id": "p1", "name": "Declares", "label": "Declares", "instanceEnabled": True, "contextEnabled": False,
              "options": options.declared(Declares)}
    context_plugin = {"id": "p2", "name": "Ayon", "label": "Ayon", "instanceEnabled": False, "contextEnabled": True,
                      "options": options.declared(Ayon)}
    compat = {"p1": ["a", "b"], "p2": None}
    values = OptionValues(lambda: compat)
    values.collected([plugin, context_plugin, {"id": "p3", "name": "Plain", "options": []}],
                     [{"id": "ctx", "isContext": True}, {"id": "a", "name": "A"}, {"id": "b", "name": "B"},
                      {"id": "c", "name": "C"}])
    return values, plugin


def test_edits_on_a_selection_are_sent_once_and_a_default_is_no_edit():
    values, plugin = _values()
    assert [p["name"] for p in values.applicable("a")] == ["Declares"]
    assert [p["name"] for p in values.applicable("ctx")] == ["Ayon"]
    assert values.applicable("c") == []
    first = values.writes()  # everything, once: the host's Context is new
    assert {(target, key) for target, key, _ in first} == {(None, options.KEY), ("a", options.KEY),
                                                          ("b", options.KEY)}
    assert values.writes() == []  # nothing changed since
    values.set(["a", "b"], "Declares", "samples", 8)
    sent = values.writes()
    assert [(t, p["Declares"]["samples"]) for t, _, p in sent] == [("a", 8), ("b", 8)]
    assert values.kept() == {"A": {"Declares": {"samples": 8}}, "B": {"Declares": {"samples": 8}}}
    values.set(["a"], "Declares", "samples", 4)  # the default again: no longer an edit
    values.reset(["b"], "Declares", "samples")
    assert values.kept() == {}


def test_edits_are_kept_by_name_across_a_reset():
    values, plugin = _values()
    values.set(["a"], "Declares", "denoise", False)
    kept = values.kept()
    fresh, _ = _values()
    fresh.restore(kept)
    assert fresh.payload("a")["Declares"]["denoise"] is False and fresh.payload("b")["Declares"]["denoise"] is True
