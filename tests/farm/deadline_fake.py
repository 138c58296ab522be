"""A stand-in for the Deadline Cloud API on loopback, for ``deadline bundle submit`` to reach.

It answers the calls the CLI makes for a queue without job attachments (GetQueue, the queue's
environments, CreateJob, GetJob) and keeps each request, so a test sees what the real client
would send a farm. Only 127.0.0.1: no request leaves the machine."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

JOB_ID = "job-0123456789abcdef0123456789abcdef"


class FakeDeadline:
    def __init__(self, farm: str, queue: str) -> None:
        self.farm, self.queue = farm, queue
        self.requests: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8") if length else ""
                owner.requests.append({"method": self.command, "path": self.path,
                                       "body": json.loads(body) if body else None})
                status, answer = owner.answer(self.command, self.path.split("?")[0])
                data = json.dumps(answer).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def answer(self, method: str, path: str) -> tuple[int, dict]:
        queue = "/2023-10-12/farms/%s/queues/%s" % (self.farm, self.queue)
        if method == "GET" and path == queue:
            return 200, {"farmId": self.farm, "queueId": self.queue, "displayName": "pyblish test queue",
                         "status": "IDLE", "defaultBudgetAction": "NONE", "blockedReason": "NO_BUDGET_CONFIGURED",
                         "createdAt": "2026-01-01T00:00:00Z", "createdBy": "test"}
        if method == "GET" and path == queue + "/environments":
            return 200, {"environments": []}
        if method == "POST" and path == queue + "/jobs":
            return 201, {"jobId": JOB_ID}
        if method == "GET" and path == queue + "/jobs/" + JOB_ID:
            return 200, {"jobId": JOB_ID, "name": "job", "lifecycleStatus": "CREATE_COMPLETE",
                         "lifecycleStatusMessage": "created", "priority": 50,
                         "createdAt": "2026-01-01T00:00:00Z", "createdBy": "test"}
        return 404, {"message": "the fake farm does not know %s %s" % (method, path)}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
