"""What the webhook checks before it believes a request: the secret header, then the body size."""

from __future__ import annotations

import hmac
from typing import Any

from starlette.requests import Request

SECRET_HEADER = "x-telegram-bot-api-secret-token"  # noqa: S105 - a header name
MAX_BODY_BYTES = 1024 * 1024  # Telegram's updates are a few KB; anything near this is not one


class BodyTooLarge(Exception):
    """The request declared, or streamed, more than the limit."""


def has_secret(request: Request, accepted: list[bytes]) -> bool:
    """Constant-time comparisons (all of them, always), so the answer time says nothing about
    the secrets; two are accepted while a new secret is being rolled out."""
    offered = request.headers.get(SECRET_HEADER, "").encode("latin-1")
    matches = [hmac.compare_digest(offered, secret) for secret in accepted]
    return bool(accepted) and any(matches)


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The body, refusing early on Content-Length and again while streaming (chunked bodies)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise BodyTooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def update_type(payload: dict[str, Any]) -> str:
    """The kind of update ("message", "callback_query", ...): its one key beside update_id."""
    return next((key for key in payload if key != "update_id"), "unknown")
