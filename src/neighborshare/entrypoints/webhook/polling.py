"""Long polling for a small community: the same exactly-once processing as the webhook, and the
offset moves past an update only once its effects are committed."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from telegram import Update
from telegram.error import NetworkError

from neighborshare.entrypoints.bot.chats import HANDLED_UPDATES
from neighborshare.entrypoints.webhook.checks import update_type
from neighborshare.entrypoints.webhook.processing import Outcome
from neighborshare.entrypoints.webhook.runtime import BotRuntime

log = logging.getLogger("neighborshare.polling")

POLL_SECONDS = 30
RETRY_SECONDS = 2.0
EMPTY_PAUSE_SECONDS = 1.0


async def poll(runtime: BotRuntime, stop: asyncio.Event) -> None:
    """Fetch and handle updates until ``stop`` is set."""
    bot = runtime.ptb.bot
    await bot.delete_webhook()  # Telegram refuses getUpdates while a webhook is set
    offset: int | None = None
    while not stop.is_set():
        try:
            updates = await bot.get_updates(
                offset=offset, timeout=POLL_SECONDS, allowed_updates=HANDLED_UPDATES
            )
        except NetworkError as error:
            log.warning("getUpdates failed (%s); retrying", type(error).__name__)
            await _pause(stop, RETRY_SECONDS)
            continue
        if not updates:  # Telegram answers empty only after POLL_SECONDS; a local API at once
            await _pause(stop, EMPTY_PAUSE_SECONDS)
        for update in updates:
            if not await _handle(runtime, update, stop):
                return
            offset = update.update_id + 1


async def _handle(runtime: BotRuntime, update: Update, stop: asyncio.Event) -> bool:
    """Process ``update``, waiting out a database outage; False if asked to stop first."""
    payload = update.to_dict()
    while not stop.is_set():
        started = time.perf_counter()
        outcome = await runtime.processor.process(payload)
        runtime.metrics.observe_update(
            update_type(payload), outcome.value, time.perf_counter() - started
        )
        if outcome is not Outcome.UNAVAILABLE:
            return True
        await _pause(stop, RETRY_SECONDS)
    return False


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
