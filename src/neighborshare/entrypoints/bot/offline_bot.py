"""The real bot on the offline Bot API with a clock you move: for chat, tests and benchmarks.

Each update goes through ``Application.process_update``; afterwards the outbox is drained
through the Application's bot (as the worker would), so every neighbor sees what they'd be sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from dependency_injector import providers
from telegram import Update

from neighborshare.adapters.memory.outside import FixedClock, InMemoryRateLimiter
from neighborshare.adapters.telegram.loop_notifier import LoopBotNotifier
from neighborshare.adapters.telegram.neighbors import OfflineNeighbors
from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.entrypoints.bot.app import build_application
from neighborshare.entrypoints.bot.deps import BotDeps
from neighborshare.entrypoints.bot.menu import register_commands, register_menu_button
from neighborshare.entrypoints.worker.jobs import run_due_jobs


class OfflineBot:
    """``typing_time`` moves the clock a little with every update, as real typing would."""

    def __init__(
        self,
        container: Any,
        clock: FixedClock,
        typing_time: timedelta = timedelta(seconds=10),
        api: OfflineBotApi | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.container = container
        self.clock = clock
        self.typing_time = typing_time
        self.api = api or OfflineBotApi()  # share one to play Telegram for several replicas
        container.clock.override(providers.Object(clock))
        container.rate_limiter.override(providers.Object(InMemoryRateLimiter(clock)))
        self.app = build_application(container, request=self.api)
        self.deps: BotDeps = self.app.bot_data["deps"]
        self.neighbors = OfflineNeighbors(self.api, self.app.bot)
        self.drain_after_updates = True
        self._sleep = sleep  # how the notifier waits out a 429

    async def start(self) -> None:
        await self.app.initialize()
        await register_commands(self.app.bot, self.deps.rules.default_language)
        await register_menu_button(self.app.bot, self.deps.miniapp_url,
                                   self.deps.rules.default_language)
        notifier = LoopBotNotifier(self.app.bot, asyncio.get_running_loop(), self._sleep)
        self.container.notifier.override(providers.Object(notifier))
        self.notifications = self.container.notifications()

    async def stop(self) -> None:
        await self.app.shutdown()
        self.deps.pool.shutdown(wait=True)

    async def send(self, update: Update) -> None:
        self.clock.advance(self.typing_time)
        await self.app.process_update(update)
        if self.drain_after_updates:
            await self.drain()

    async def drain(self) -> None:
        await self.deps.run(self.notifications.drain_all)

    async def wait(self, delta: timedelta) -> None:
        """Let time pass in steps, running every job that falls due (as the worker would)."""
        step = timedelta(minutes=1) if delta <= timedelta(hours=2) else timedelta(minutes=15)
        remaining = delta
        while remaining > timedelta(0):
            tick = min(step, remaining)
            self.clock.advance(tick)
            remaining -= tick
            # the worker's own jobs (sweeps, digests, metrics), then the outbox drain
            await self.deps.run(run_due_jobs, self.container)
