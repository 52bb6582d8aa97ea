"""The Mini App's HTTP side under /miniapp/: the built page, its texts, and a JSON API that
believes a caller only with Telegram's signed ``initData`` (401 otherwise, nothing changed)."""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from neighborshare.adapters.telegram.init_data import InitDataVerifier, InvalidInitData
from neighborshare.domain.errors import (
    InvalidInput,
    NeighborShareError,
    NotFound,
    NotRegistered,
)
from neighborshare.domain.users import User
from neighborshare.entrypoints.bot.deps import BotDeps
from neighborshare.entrypoints.bot.guard import redact
from neighborshare.entrypoints.miniapp import views
from neighborshare.entrypoints.miniapp.bundle import BUNDLE_DIR, MISSING, is_built
from neighborshare.entrypoints.webhook.checks import BodyTooLarge, read_body
from neighborshare.presentation import texts
from neighborshare.presentation.cards import request_sent
from neighborshare.presentation.formatting import plural
from neighborshare.presentation.i18n import SOURCE_LANGUAGE as DEFAULT_LANGUAGE
from neighborshare.presentation.i18n import choose, speaking
from neighborshare.presentation.keyboards import Rows, exchange_actions
from neighborshare.presentation.miniapp_texts import page_texts
from neighborshare.presentation.refusals import explain
from neighborshare.services.exchanges import ExchangeView

log = logging.getLogger("neighborshare.miniapp")

BASE = "/miniapp"
MAX_BODY_BYTES = 1024
UNAUTHORIZED = "Please open the map from the bot in Telegram."
Tell = Callable[[int, str, Rows], Awaitable[None]]  # a message in a neighbor's private chat
Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass
class MiniAppParts:
    deps: BotDeps
    verifier: InitDataVerifier
    tell: Tell
    tiles: dict[str, str]  # {"url": ..., "attribution": ...}
    bundle_dir: Path = field(default=BUNDLE_DIR)


class Refusal(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers


def miniapp_routes(parts: MiniAppParts) -> list[BaseRoute]:
    return [
        Route(BASE, lambda _request: RedirectResponse(BASE + "/"), methods=["GET"]),
        Route(BASE + "/", _page(parts), methods=["GET"]),
        Route(BASE + "/api/page", _guarded(_page_texts(parts)), methods=["GET"]),
        Route(BASE + "/api/dishes", _guarded(_dishes(parts)), methods=["GET"]),
        Route(BASE + "/api/dishes/{post_id:int}/request", _guarded(_request(parts)),
              methods=["POST"]),
        Route(BASE + "/photos/posts/{name}", _guarded(_photo(parts)), methods=["GET"]),
        Mount(BASE + "/assets", StaticFiles(directory=parts.bundle_dir, check_dir=False)),
    ]


def _page(parts: MiniAppParts) -> Endpoint:
    async def page(_request: Request) -> Response:
        if not is_built(parts.bundle_dir):
            return PlainTextResponse(MISSING, status_code=503)
        return FileResponse(parts.bundle_dir / "index.html",
                            headers={"Cache-Control": "no-cache",
                                     "Content-Security-Policy": policy(parts.tiles.get("url")),
                                     "X-Content-Type-Options": "nosniff",
                                     "Referrer-Policy": "no-referrer"})

    return page


def policy(tile_url: str | None) -> str:
    """The page's Content-Security-Policy: its own scripts, styles and API, and images from
    itself and the tile server only (nothing else may be loaded or called)."""
    return "; ".join([
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
        f"img-src 'self' data: {tile_source(tile_url)}".rstrip(), "base-uri 'none'",
        "form-action 'none'",
    ])


def tile_source(tile_url: str | None) -> str:
    """The CSP source of an XYZ tile URL: its origin, a {s} subdomain as a wildcard."""
    parts = urlsplit(tile_url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    host = parts.netloc.replace("{s}", "*")
    if "{" in host or "}" in host or any(c in host for c in " ;,'\""):
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"


def _guarded(endpoint: Endpoint) -> Endpoint:
    """Refusals become their status and message as JSON; anything else a logged apology."""

    async def guarded(request: Request) -> Response:
        try:
            return await endpoint(request)
        except Refusal as refusal:
            return _error(refusal.status, refusal.message, refusal.headers)
        except NeighborShareError as refusal:
            with speaking(getattr(request.state, "language", DEFAULT_LANGUAGE)):
                return _error(_status_of(refusal), explain(refusal))
        except Exception as error:
            trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
            log.error("mini app %s %s failed: %s", request.method, request.url.path,
                      redact(trace))
            return _error(500, texts.APOLOGY)

    return guarded


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": str(message)}, status_code=status, headers=headers)


def _status_of(refusal: NeighborShareError) -> int:
    if isinstance(refusal, NotRegistered):
        return 403
    if isinstance(refusal, NotFound):
        return 404
    return 400 if isinstance(refusal, InvalidInput) else 409


@dataclass(frozen=True)
class Caller:
    user: User
    language: str  # their choice in /settings, else their Telegram app's, else the community's

    @property
    def id(self) -> int:
        assert self.user.id is not None
        return self.user.id


async def _caller(request: Request, parts: MiniAppParts) -> Caller:
    """The neighbor whose Telegram account signed this request's initData."""
    scheme, _, raw = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "tma":
        raise Refusal(401, UNAUTHORIZED)
    try:
        who = parts.verifier.verify(raw.strip())
    except InvalidInitData as why:
        log.info("mini app initData refused: %s", why)
        raise Refusal(401, UNAUTHORIZED) from None
    deps = parts.deps
    limit = deps.rules.updates_per_minute
    decision = await deps.run(deps.rate_limiter.hit, f"miniapp:{who.telegram_id}", limit, 60)
    if not decision.allowed:
        raise Refusal(429, texts.SLOW_DOWN, {"Retry-After": "60"})
    user = await deps.run(deps.users.find_by_telegram_id, who.telegram_id)
    language = choose(getattr(user, "language", None), who.language_code,
                      deps.rules.default_language)
    request.state.language = language  # for the refusal's wording
    if user is None:
        raise NotRegistered()
    return Caller(user, language)


def _page_texts(parts: MiniAppParts) -> Endpoint:
    async def page_texts_(request: Request) -> Response:
        language, strings = page_texts(request.query_params.get("lang"),
                                       parts.deps.rules.default_language)
        return JSONResponse({"lang": language, "texts": strings, "tiles": parts.tiles})

    return page_texts_


def _dishes(parts: MiniAppParts) -> Endpoint:
    async def dishes(request: Request) -> Response:
        caller = await _caller(request, parts)
        deps, uid, user = parts.deps, caller.id, caller.user
        show_all = request.query_params.get("all") == "1"

        def read() -> tuple[Any, int]:  # one trip to the pool
            return deps.food.dish_map(uid, show_all), deps.credits.balance(uid)

        with speaking(caller.language):
            found, balance = await deps.run(read)
            body = views.dish_map(found, deps.rules.privacy_grid_m, deps.tz, deps.clock.now(),
                                  BASE)
        language, strings = page_texts(caller.language)
        restricted = bool(user.allergies or user.diet_restrictions or user.custom_allergies)
        body.update(show_all=show_all, restricted=restricted, balance=balance, lang=language,
                    texts=strings, tiles=parts.tiles)
        return JSONResponse(body)

    return dishes


def _request(parts: MiniAppParts) -> Endpoint:
    async def request_(request: Request) -> Response:
        caller = await _caller(request, parts)
        portions = await _portions(request)
        deps, uid, post_id = parts.deps, caller.id, int(request.path_params["post_id"])

        def ask() -> tuple[ExchangeView, int]:  # the same use case as a card's Request button
            exchange = deps.exchanges.request(uid, post_id, portions)
            assert exchange.id is not None
            return deps.exchanges.view(uid, exchange.id), deps.credits.balance(uid)

        with speaking(caller.language):
            view, balance = await deps.run(ask)
            await _tell(parts, caller.user, request_sent(view, portions, balance),
                        exchange_actions(view, uid, deps.clock.now()))
            portions_text = plural(portions, "portion")
        exchange = view.exchange
        return JSONResponse({
            "exchange": {"id": exchange.id, "portions": exchange.portions,
                         "status": exchange.status.value},
            "sharer": view.other_name, "balance": balance, "portions_text": portions_text,
        })

    return request_


async def _portions(request: Request) -> int:
    try:
        body = json.loads(await read_body(request, MAX_BODY_BYTES))
    except (BodyTooLarge, ValueError):
        raise Refusal(400, "That request isn't valid.") from None
    portions = body.get("portions") if isinstance(body, dict) else None
    if type(portions) is not int:
        raise Refusal(400, "Please choose a number of portions.")
    return portions


async def _tell(parts: MiniAppParts, user: User, html: str, buttons: Rows) -> None:
    """The chat goes on as after a card's Request button; the request stands if this fails."""
    try:
        await parts.tell(user.telegram_id, html, buttons)
    except Exception as error:
        log.warning("mini app: the chat message after a request failed: %s",
                    redact(f"{type(error).__name__}: {error}"))


def _photo(parts: MiniAppParts) -> Endpoint:
    async def photo(request: Request) -> Response:
        ref = views.PHOTO_PREFIX + request.path_params["name"]
        data = await parts.deps.run(parts.deps.photo_store.get, ref)
        return Response(data, media_type="image/jpeg",
                        headers={"Cache-Control": "private, max-age=3600"})

    return photo
