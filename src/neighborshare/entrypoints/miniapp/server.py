"""The Mini App on its own small HTTP server, for a bot that polls (the embedded profile has no
webhook server): the page and its API only, beside getUpdates in the same process and loop."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.types import ASGIApp

from neighborshare.entrypoints.miniapp.api import MiniAppParts, miniapp_routes
from neighborshare.entrypoints.webhook.access_log import AccessLog


def miniapp_app(parts: MiniAppParts) -> ASGIApp:
    """/miniapp/ and its API; no webhook, health or metrics routes (polling has no use for them).
    The bot's start and stop are the caller's: this app has no lifespan of its own."""
    return AccessLog(Starlette(routes=miniapp_routes(parts)))


def miniapp_server(parts: MiniAppParts, host: str, port: int) -> Any:
    import uvicorn

    config = uvicorn.Config(miniapp_app(parts), host=host, port=port, log_config=None,
                            access_log=False, lifespan="off", server_header=False,
                            timeout_graceful_shutdown=5)
    return uvicorn.Server(config)


async def serving(server: Any, stop: asyncio.Event,
                  work: Callable[[], Awaitable[None]]) -> None:
    """Run ``work`` (the poller) while ``server`` serves; when either ends, both end (the server
    answering Ctrl-C ends the poller too)."""
    task = asyncio.create_task(server.serve())
    task.add_done_callback(lambda _task: stop.set())
    try:
        await work()
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await task
