"""ASGI middleware writing one `access` log line per HTTP request (the fields Logstash indexes)."""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from neighborshare.observability.logging import ACCESS_LOGGER

access = logging.getLogger(ACCESS_LOGGER)


class AccessLog:
    """One access line per HTTP request: method, path, status, duration and, for updates, the
    update's type and outcome (never its content)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), [500]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            state = scope.get("state", {})
            access.info(
                "%s %s %s", scope["method"], scope["path"], status[0],
                extra={"method": scope["method"], "path": scope["path"], "status": status[0],
                       "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                       "update_type": state.get("update_type"), "outcome": state.get("outcome")},
            )
