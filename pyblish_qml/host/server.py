"""The host's XML-RPC endpoint: ``http://127.0.0.1:<port>/pyblish``, translating calls only."""

from __future__ import annotations

from ..rpc_server import LoopbackServer
from .service import HostService

PATH = "/pyblish"


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


def url(port: int) -> str:
    return "http://127.0.0.1:%d%s" % (port, PATH)
