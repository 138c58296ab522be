"""The wire tests' fixture: a real LoopbackServer on loopback (helpers: wire_helpers.py)."""

from __future__ import annotations

import pytest

from pyblish_qml import rpc_server


@pytest.fixture
def serve():
    """Start in-process LoopbackServers (after any monkeypatching); each is stopped at the end."""
    started: list[rpc_server.LoopbackServer] = []

    def start(functions: dict, name: str = "wire") -> rpc_server.LoopbackServer:
        server = rpc_server.LoopbackServer(0, name=name)
        for function_name, function in functions.items():
            server.register_function(function, function_name)
        started.append(server.start())
        return server

    yield start
    for server in started:
        server.stop()
