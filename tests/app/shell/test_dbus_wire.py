"""The few D-Bus messages the desktop notices need, written and read back (the real bus and a real
notification server are in tests/window/shell/test_completion_notice.py)."""

from __future__ import annotations

from pyblish_qml.app.shell import dbus_wire


def test_a_notify_call_reads_back_with_its_fields_and_its_leading_values():
    service = "org.freedesktop.Notifications"
    fields = {"path": "/org/freedesktop/Notifications", "interface": service, "member": "Notify",
              "destination": service}
    values = ("pyblish-qml", 0, "", "Publish failed", "Normals on Chair ✗", ["default", "Show the report"], {}, 10000)
    data = dbus_wire.message(dbus_wire.METHOD_CALL, 7, fields, "susssasa{sv}i", values)
    assert data[:4] == b"l\x01\x00\x01"  # little-endian, a method call, no flags, version 1
    parsed, length = dbus_wire.parse(data + b"extra")
    assert length == len(data)
    assert parsed["kind"] == dbus_wire.METHOD_CALL and parsed["serial"] == 7
    assert parsed["fields"]["member"] == "Notify" and parsed["fields"]["signature"] == "susssasa{sv}i"
    assert parsed["args"] == ["pyblish-qml", 0, "", "Publish failed", "Normals on Chair ✗"]  # up to the array
    assert dbus_wire.parse(data[:-1]) is None  # not whole yet


def test_signatures_split_into_complete_types():
    assert dbus_wire.split_signature("susssasa{sv}i") == ["s", "u", "s", "s", "s", "as", "a{sv}", "i"]
    assert dbus_wire.split_signature("a(yv)aa{s(ii)}u") == ["a(yv)", "aa{s(ii)}", "u"]


def test_the_session_address_is_a_path_or_an_abstract_name(monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")
    assert dbus_wire.session_address() == "/run/user/1000/bus"
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/dbus-x,guid=1")
    assert dbus_wire.session_address() == b"\0/tmp/dbus-x"
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    assert dbus_wire.session_address() is None
