"""The real bot (memory profile) on the offline Bot API, driven like the chat scripts: for the
drills that go through ``Application.process_update`` (hostile input, photos, privacy)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from telegram import Update

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.memory.store import MemoryStore
from neighborshare.adapters.sql.unit_of_work import sql_uow_factory
from neighborshare.container import memory_container
from neighborshare.entrypoints.bot.offline_bot import OfflineBot
from neighborshare.entrypoints.bot.script import ScriptRunner, parse

START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)  # Monday 10:00 in London


SQL_TABLES = {"credits": "credit_transactions"}


class BotChat:
    """On the memory store, or on ``database_url`` (an empty, migrated database)."""

    def __init__(self, database_url: str | None = None) -> None:
        self.clock = FixedClock(START)
        self.store = MemoryStore()
        self.database_url = database_url
        self._factory = sql_uow_factory(database_url, 2) if database_url else None
        extra = {"uow_factory": self._factory} if self._factory else {}
        self.container = memory_container(clock=self.clock, memory_store=self.store, **extra)
        self.loop = asyncio.new_event_loop()
        self.bot = OfflineBot(self.container, self.clock)
        self.loop.run_until_complete(self.bot.start())
        self.api = self.bot.api
        self.neighbors = self.bot.neighbors
        self.transcript: list[str] = []
        self._runner = ScriptRunner(self.bot, self.transcript.append)

    def close(self) -> None:
        self.loop.run_until_complete(self.bot.stop())
        self.loop.close()
        if self._factory is not None:
            self._factory.dispose()

    def lines(self, script: str) -> None:
        """Carry out chat-script lines ("@priya /start", "@priya <tap Done>")."""
        for text in script.strip().splitlines():
            line = parse(text)
            if line is not None:
                self.loop.run_until_complete(self._runner.run(line))

    def send(self, update: Update) -> None:
        self.loop.run_until_complete(self.bot.send(update))

    def onboard(self, name: str, latitude: float, longitude: float, apartment: str,
                shown_name: str | None = None) -> None:
        self.lines(f"""
            @{name} /start
            @{name} {shown_name or name.capitalize()}
            @{name} <contact>
            @{name} {apartment}
            @{name} <location {latitude} {longitude}>
            @{name} <tap Done>
            @{name} <tap Done>
            @{name} <tap Skip>""")

    def share(self, name: str, dish: str, portions: int) -> None:
        self.lines(f"""
            @{name} /share
            @{name} {dish}
            @{name} <tap Skip>
            @{name} <tap {portions}>
            @{name} <tap Done>
            @{name} <tap Done>
            @{name} <tap Next 2 hours>
            @{name} <tap Publish>""")

    def shown_to(self, name: str) -> list[str]:
        return [m.shown for m in self.api.messages(self.neighbors.neighbor(name).telegram_id)]

    def last_to(self, name: str) -> str:
        return self.shown_to(name)[-1]

    def table(self, name: str) -> dict[Any, Any]:
        """A memory-store table (the memory profile only)."""
        return self.store.table(name)

    def rows(self, name: str) -> list[str]:
        """Every committed row of a table, as text, in id order (either backend)."""
        if self.database_url is None:
            return [repr(row) for _, row in sorted(self.store.table(name).items())]
        engine = sa.create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                table = sa.table(SQL_TABLES.get(name, name), sa.column("id"))
                query = sa.select(sa.text("*")).select_from(table).order_by(table.c.id)
                return [repr(tuple(row)) for row in connection.execute(query)]
        finally:
            engine.dispose()
