"""Just enough of the D-Bus wire protocol to post a desktop notification and hear it clicked.

PySide6's QtDBus cannot send an unsigned integer (its Python ints become ``int32``, or
``uint16`` through ``QDBusArgument``), and the freedesktop ``Notify`` call takes one
(``replaces_id``): notification daemons refuse the call. So this module speaks the wire
protocol itself, on a Unix socket: the EXTERNAL handshake, ``Hello``, ``AddMatch``, one method
call with the types ``Notify`` needs, and reading messages back (little-endian only, no file
descriptors). No Qt here; :mod:`.desktop_notices` runs it on a thread of its own.

Thread: whichever thread owns the :class:`Connection` (one at a time).
"""

from __future__ import annotations

import os
import socket
import struct
from typing import Any

BUS = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")
METHOD_CALL, METHOD_RETURN, ERROR, SIGNAL = 1, 2, 3, 4
FIELDS = {1: "path", 2: "interface", 3: "member", 4: "error", 5: "reply_serial", 6: "destination",
          7: "sender", 8: "signature"}


class Writer:
    """Marshals values of the basic types D-Bus notifications use, aligned from the start."""

    def __init__(self) -> None:
        self.data = bytearray()

    def align(self, boundary: int) -> None:
        self.data += b"\0" * (-len(self.data) % boundary)

    def write(self, signature: str, value: Any) -> None:
        code = signature[0]
        if code in "sog":
            raw = value.encode("utf-8")
            if code == "g":
                self.data += struct.pack("<B", len(raw))
            else:
                self.align(4)
                self.data += struct.pack("<I", len(raw))
            self.data += raw + b"\0"
        elif code in "ui":
            self.align(4)
            self.data += struct.pack("<I" if code == "u" else "<i", value)
        elif code == "y":
            self.data += struct.pack("<B", value)
        elif code == "b":
            self.align(4)
            self.data += struct.pack("<I", 1 if value else 0)
        elif code == "v":
            inner, item = value
            self.write("g", inner)
            self.write(inner, item)
        elif code == "a":
            self._array(signature[1:], value)
        else:
            raise TypeError("dbus_wire cannot write %r" % signature)

    def _array(self, element: str, values) -> None:
        self.align(4)
        at = len(self.data)
        self.data += b"\0\0\0\0"
        self.align(8 if element[0] in "({" else 4 if element[0] in "suiabo" else 1)
        start = len(self.data)
        if element.startswith("{"):  # a dict: {key value}, each entry 8-aligned
            key, item = element[1], element[2:-1]
            for name, value in dict(values).items():
                self.align(8)
                self.write(key, name)
                self.write(item, value)
        else:
            for value in values:
                self.write(element, value)
        struct.pack_into("<I", self.data, at, len(self.data) - start)


def split_signature(signature: str) -> list[str]:
    """"susssasa{sv}i" -> ["s", "u", "s", "s", "s", "as", "a{sv}", "i"]."""
    parts, index = [], 0
    while index < len(signature):
        end = index
        while signature[end] == "a":
            end += 1
        if signature[end] in "({":
            depth, close = 0, {"(": ")", "{": "}"}[signature[end]]
            opener = signature[end]
            while True:
                depth += {opener: 1, close: -1}.get(signature[end], 0)
                end += 1
                if depth == 0:
                    break
        else:
            end += 1
        parts.append(signature[index:end])
        index = end
    return parts


def message(kind: int, serial: int, fields: dict, signature: str = "", args: tuple = ()) -> bytes:
    """One whole message: header, its fields, the body marshalled by ``signature``."""
    body = Writer()
    for part, value in zip(split_signature(signature), args):
        body.write(part, value)
    header = Writer()
    header.data += struct.pack("<cBBBII", b"l", kind, 0, 1, len(body.data), serial)
    header.data += b"\0\0\0\0"  # the fields' array length, filled in below; the array starts at 16
    codes = {name: code for code, name in FIELDS.items()}
    types = {"path": "o", "signature": "g", "reply_serial": "u"}
    for name, value in dict(fields, **({"signature": signature} if signature else {})).items():
        header.align(8)  # each field is a struct (yv)
        header.write("y", codes[name])
        header.write("v", (types.get(name, "s"), value))
    struct.pack_into("<I", header.data, 12, len(header.data) - 16)
    header.align(8)
    return bytes(header.data + body.data)


class Reader:
    """Reads the values of a received message's header fields and body."""

    def __init__(self, data: bytes, offset: int = 0):
        self.data, self.offset = data, offset

    def align(self, boundary: int) -> None:
        self.offset += -self.offset % boundary

    def read(self, code: str) -> Any:
        if code in "so":
            self.align(4)
            (length,) = struct.unpack_from("<I", self.data, self.offset)
            start = self.offset + 4
            self.offset = start + length + 1
            return self.data[start:start + length].decode("utf-8", "replace")
        if code == "g":
            length = self.data[self.offset]
            start = self.offset + 1
            self.offset = start + length + 1
            return self.data[start:start + length].decode("ascii", "replace")
        if code in "uib":
            self.align(4)
            (value,) = struct.unpack_from("<i" if code == "i" else "<I", self.data, self.offset)
            self.offset += 4
            return value
        if code == "y":
            self.offset += 1
            return self.data[self.offset - 1]
        raise TypeError("dbus_wire cannot read %r" % code)


def parse(data: bytes) -> tuple[dict, int] | None:
    """The first whole message in ``data`` as a dict (kind, serial, fields, args), and its length;
    None when ``data`` does not hold one yet."""
    if len(data) < 16:
        return None
    if data[:1] != b"l":
        raise ValueError("big-endian D-Bus messages are not supported")
    kind, _flags, _version, body_length, serial, fields_length = struct.unpack_from("<BBBIII", data, 1)
    body_start = 16 + fields_length + (-(16 + fields_length) % 8)
    if len(data) < body_start + body_length:
        return None
    reader, fields = Reader(data, 16), {}
    while reader.offset < 16 + fields_length:
        reader.align(8)
        code = reader.read("y")
        inner = reader.read("g")
        fields[FIELDS.get(code, str(code))] = reader.read(inner) if len(inner) == 1 and inner in "sogui" else None
    args: list = []
    body = Reader(data[body_start:body_start + body_length])
    for part in split_signature(fields.get("signature") or ""):
        if len(part) != 1 or part not in "sogiuby":
            break  # a type we never need to read: the rest of the body is skipped
        args.append(body.read(part))
    return {"kind": kind, "serial": serial, "fields": fields, "args": args}, body_start + body_length


def session_address() -> str | bytes | None:
    """The session bus's socket from DBUS_SESSION_BUS_ADDRESS (a path, or abstract bytes)."""
    for address in (os.environ.get("DBUS_SESSION_BUS_ADDRESS") or "").split(";"):
        kind, _, rest = address.partition(":")
        options = dict(part.partition("=")[::2] for part in rest.split(","))
        if kind == "unix" and options.get("path"):
            return options["path"]
        if kind == "unix" and options.get("abstract"):
            return b"\0" + options["abstract"].encode()
    return None


class Connection:
    """A blocking connection to the session bus: handshake and ``Hello`` on :meth:`open`."""

    def __init__(self, address: str | bytes, timeout: float = 2.0):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(address)
        self._serial = 0
        self._buffer = b""

    def open(self) -> str:
        """Authenticate as this user; returns the unique name the bus gave us."""
        self.sock.sendall(b"\0AUTH EXTERNAL " + str(os.getuid()).encode().hex().encode() + b"\r\n")
        reply = b""
        while not reply.endswith(b"\r\n"):
            chunk = self.sock.recv(256)
            if not chunk:
                raise OSError("the session bus closed the connection during the handshake")
            reply += chunk
        if not reply.startswith(b"OK"):
            raise OSError("the session bus refused us: %r" % reply)
        self.sock.sendall(b"BEGIN\r\n")
        serial = self.call(BUS, "Hello")
        return self.wait_reply(serial)["args"][0]

    def call(self, target: tuple[str, str, str], member: str, signature: str = "", *args) -> int:
        """Send a method call to (destination, path, interface); returns its serial."""
        self._serial += 1
        destination, path, interface = target
        fields = {"path": path, "interface": interface, "member": member, "destination": destination}
        self.sock.sendall(message(METHOD_CALL, self._serial, fields, signature, args))
        return self._serial

    def receive(self, timeout: float | None = None) -> dict:
        """The next message from the bus (blocks; ``timeout`` None: the connection's)."""
        while True:
            found = parse(self._buffer)
            if found is not None:
                parsed, length = found
                self._buffer = self._buffer[length:]
                return parsed
            if timeout is not None:
                self.sock.settimeout(timeout)
            chunk = self.sock.recv(65536)
            if not chunk:
                raise OSError("the session bus closed the connection")
            self._buffer += chunk

    def wait_reply(self, serial: int) -> dict:
        while True:
            reply = self.receive()
            if reply["fields"].get("reply_serial") == serial:
                if reply["kind"] == ERROR:
                    raise OSError("%s: %s" % (reply["fields"].get("error"), (reply["args"] or [""])[0]))
                return reply

    def close(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
