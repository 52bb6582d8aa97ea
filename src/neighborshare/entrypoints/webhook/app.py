"""The ASGI app: POST /telegram/webhook, GET /healthz, GET /metrics and the Mini App's routes
(entrypoints/miniapp), with an access log."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp

from neighborshare.entrypoints.webhook.access_log import AccessLog
from neighborshare.entrypoints.webhook.checks import (
    BodyTooLarge,
    has_secret,
    read_body,
    update_type,
)
from neighborshare.entrypoints.webhook.processing import Outcome
from neighborshare.observability.metrics import Metrics

WEBHOOK_PATH = "/telegram/webhook"
STATUS = {Outcome.PROCESSED: 200, Outcome.DUPLICATE: 200, Outcome.UNAVAILABLE: 503}


class Processor(Protocol):
    async def process(self, payload: dict[str, Any]) -> Outcome: ...


@dataclass
class WebhookParts:
    processor: Processor
    metrics: Metrics
    health: Callable[[], dict[str, bool]]  # blocking; run in a thread
    secrets: list[bytes]  # the current webhook secret, and the previous one while rotating
    startup: Callable[[], Awaitable[None]]
    shutdown: Callable[[], Awaitable[None]]
    extra_routes: list[BaseRoute] = field(default_factory=list)  # the Mini App's


def create_app(parts: WebhookParts) -> ASGIApp:
    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await parts.startup()
        try:
            yield
        finally:
            await parts.shutdown()

    routes = [
        Route(WEBHOOK_PATH, _webhook(parts), methods=["POST"]),
        Route("/healthz", _healthz(parts), methods=["GET"]),
        Route("/metrics", _metrics(parts), methods=["GET"]),
        *parts.extra_routes,
    ]
    return AccessLog(Starlette(routes=routes, lifespan=lifespan))


def _webhook(parts: WebhookParts) -> Callable[[Request], Awaitable[Response]]:
    async def webhook(request: Request) -> Response:
        started = time.perf_counter()
        status, kind, outcome = await _receive(request, parts)
        request.state.update_type, request.state.outcome = kind, outcome
        parts.metrics.observe_update(kind, outcome, time.perf_counter() - started)
        return Response(status_code=status)

    return webhook


async def _receive(request: Request, parts: WebhookParts) -> tuple[int, str, str]:
    """(HTTP status, update type, outcome); the secret is checked before anything is read."""
    if not has_secret(request, parts.secrets):
        return 403, "unknown", "forbidden"
    try:
        payload = json.loads(await read_body(request))
    except BodyTooLarge:
        return 413, "unknown", "too_large"
    except ValueError:
        return 400, "unknown", "malformed"
    if not isinstance(payload, dict) or not isinstance(payload.get("update_id"), int):
        return 400, "unknown", "malformed"
    outcome = await parts.processor.process(payload)
    return STATUS[outcome], update_type(payload), outcome.value


def _healthz(parts: WebhookParts) -> Callable[[Request], Awaitable[Response]]:
    async def healthz(_request: Request) -> Response:
        checks = await run_in_threadpool(parts.health)
        body = {name: "ok" if ok else "unreachable" for name, ok in checks.items()}
        return JSONResponse(body, status_code=200 if all(checks.values()) else 503)

    return healthz


def _metrics(parts: WebhookParts) -> Callable[[Request], Awaitable[Response]]:
    async def metrics(_request: Request) -> Response:
        body, content_type = await run_in_threadpool(parts.metrics.render)
        return PlainTextResponse(body, headers={"Content-Type": content_type})

    return metrics
