"""The host's XML-RPC endpoint: ``http://127.0.0.1:<port>/pyblish``, translating calls only."""

from __future__ import annotations

from ..rpc import HOST_PATH as PATH
from ..rpc import host_url as url  # noqa: F401 - the host side's name for it
from ..rpc_server import LoopbackServer
from .service import HostService


class HostServer(LoopbackServer):
    """Serves one :class:`HostService` on loopback; other paths get 404."""

    def __init__(self, service: HostService, port: int):
        super().__init__(port, path=PATH, name="pyblish-host")
        self.service = service
        if not service.port:
            service.port = self.port
        self.register_instance(service)

    def stop(self) -> None:
        super().stop()
        self.service.close()

