"""The Mini App's parts from the container and the running bot: its initData check keyed with
the bot's own token, and the bot's chat for the message after a request."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Bot

from neighborshare.adapters.telegram.init_data import InitDataVerifier
from neighborshare.entrypoints.bot.deps import BotDeps
from neighborshare.entrypoints.bot.outgoing import ApiCall, send
from neighborshare.entrypoints.bot.replies import HTML, inline
from neighborshare.entrypoints.miniapp.api import MiniAppParts, Tell
from neighborshare.presentation.keyboards import Rows


def miniapp_parts(container: Any, bot: Bot, deps: BotDeps) -> MiniAppParts:
    settings = container.settings()
    max_age = timedelta(seconds=settings.miniapp_init_data_max_age_s)
    tiles = {"url": settings.miniapp_tile_url, "attribution": settings.miniapp_tile_attribution}
    return MiniAppParts(deps, InitDataVerifier(bot.token, max_age, deps.clock), chat_of(bot),
                        tiles)


def chat_of(bot: Bot) -> Tell:
    async def tell(chat_id: int, html: str, buttons: Rows) -> None:
        await send(ApiCall(bot, "sendMessage", {"chat_id": chat_id, "text": html,
                                                "parse_mode": HTML,
                                                "reply_markup": inline(buttons)}))

    return tell
