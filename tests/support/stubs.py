"""Local stand-ins for outside services, all on loopback: moto's S3 server, and a tiny JSON
HTTP server the Twilio Verify and Google Maps stand-ins are built on."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.redis_server import free_port

# A handler gets (method, path, query-or-form fields) and returns (status, JSON body).
Route = Callable[[str, str, dict[str, str]], tuple[int, dict[str, Any]]]


@contextmanager
def moto_s3() -> Iterator[str]:
    """moto's S3 in server mode on a free loopback port; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


class JsonStub:
    """A threaded HTTP server answering every request through one ``route`` function."""

    def __init__(self, route: Route) -> None:
        self.route = route
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.hold = threading.Event()  # set it to make every answer wait (timeouts)
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> JsonStub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()  # releases answers held back for a timeout test
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._answer()

            def do_POST(self) -> None:
                self._answer()

            def _answer(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else parts.query
                fields = {k: v[0] for k, v in parse_qs(body).items()}
                stub.requests.append((self.command, parts.path, fields))
                if stub.hold.is_set():
                    stub._closing.wait(10.0)  # far longer than any client's timeout
                status, payload = stub.route(self.command, parts.path, fields)
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up waiting (a timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                return None  # keep test output (and phone numbers in URLs) out of stderr

        return Handler
