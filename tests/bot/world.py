"""The bot world of a scenario: replicas of the real bot on one database, neighbors, a clock."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.adapters.telegram.sent import SentMessage
from neighborshare.entrypoints.bot.offline_bot import OfflineBot

# a Monday at 10:00 in London (UTC+1 in June): every preset and typed window is open
START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

HOME = {"priya": (51.5115, -0.1235), "tom": (51.5121, -0.1220), "sam": (51.5110, -0.1230)}


class BotWorld:
    def __init__(self, make_container: Callable[[], Any], clock: FixedClock) -> None:
        self.make_container = make_container
        self.clock = clock
        self.api = OfflineBotApi()
        self.loop = asyncio.new_event_loop()
        self.replicas = [self._replica()]
        self.active = 0
        self._read: dict[int, int] = {}
        self.waited: list[float] = []  # what the notifier slept when Telegram said 429

    def _replica(self) -> OfflineBot:
        bot = OfflineBot(self.make_container(), self.clock, api=self.api, sleep=self._sleep)
        self.loop.run_until_complete(bot.start())
        return bot

    async def _sleep(self, seconds: float) -> None:
        self.waited.append(seconds)

    @property
    def bot(self) -> OfflineBot:
        return self.replicas[self.active]

    def close(self) -> None:
        for bot in self.replicas:
            self.loop.run_until_complete(bot.stop())
        self.loop.close()

    # -- acting ------------------------------------------------------------------------------

    def chat_id(self, name: str) -> int:
        return self.bot.neighbors.neighbor(name).telegram_id

    def act(self, name: str, make: Callable[[Any, Any], Any]) -> None:
        """Build an update from neighbor ``name`` and let the active replica handle it."""
        self.mark_read()
        neighbors = self.bot.neighbors
        self.loop.run_until_complete(self.bot.send(make(neighbors, neighbors.neighbor(name))))

    def say(self, name: str, text: str) -> None:
        self.act(name, lambda n, who: n.text(who, text))

    def tap(self, name: str, label: str) -> None:
        self.act(name, lambda n, who: n.tap(who, label))

    def wait(self, delta: timedelta) -> None:
        self.mark_read()
        self.loop.run_until_complete(self.bot.wait(delta))

    def restart(self) -> None:
        """A new Application on the same database (and the same Telegram)."""
        self.loop.run_until_complete(self.bot.stop())
        self.replicas[self.active] = self._replica()

    def add_replica(self) -> None:
        self.replicas.append(self._replica())

    def use_replica(self, index: int) -> None:
        self.active = index

    # -- reading -----------------------------------------------------------------------------

    def mark_read(self) -> None:
        self._read = {m.chat_id: m.message_id for m in self.api.sent}
        self._edits = {(m.chat_id, m.message_id): m.edits for m in self.api.sent}

    def news(self, name: str) -> list[SentMessage]:
        """Messages to ``name`` since the last action: new ones and ones edited since."""
        chat = self.chat_id(name)
        edits = getattr(self, "_edits", {})
        return [
            m for m in self.api.messages(chat)
            if m.message_id > self._read.get(chat, 0)
            or m.edits != edits.get((chat, m.message_id), 0)
        ]

    def news_text(self, name: str) -> str:
        return "\n---\n".join(m.shown for m in self.news(name))

    def everything_shown(self) -> list[SentMessage]:
        return [m for m in self.api.sent if not m.deleted]
