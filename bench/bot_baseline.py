"""The baseline beside the bot's figures: a bare PTB Application with one trivial handler, run in
as many processes, with as many updates in flight, as the bot was."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bench.processes import Link, Round, Tally, run_in_processes
from neighborshare.adapters.telegram.neighbors import OfflineNeighbors
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi


def bench_bare(updates: int, processes: int, concurrency: int) -> Round:
    """``updates`` in all, shared out between the processes."""
    figures = run_in_processes(bare_worker, (updates, concurrency), processes, rounds=1,
                               postgres_url=None)
    return figures.total()


def bare_worker(link: Link, updates: int, concurrency: int) -> None:
    with link.failing_loudly():
        asyncio.run(_bare(link, len(range(link.index, updates, link.processes)), concurrency))


async def _bare(link: Link, count: int, concurrency: int) -> None:
    api = OfflineBotApi()
    app = Application.builder().token(OFFLINE_TOKEN).request(api).updater(None).build()

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, "ok")

    app.add_handler(MessageHandler(filters.ALL, echo))
    await app.initialize()
    neighbors = OfflineNeighbors(api, app.bot)
    people = [neighbors.neighbor(f"n{i}") for i in range(200)]
    updates = [neighbors.text(people[i % 200], "/browse") for i in range(count)]
    tally = Tally()
    gate = asyncio.Semaphore(concurrency)

    async def one(update: Update) -> None:
        async with gate:
            await tally.timed(app.process_update, update)

    await link.round(lambda: asyncio.gather(*(one(u) for u in updates)), tally)
    await app.shutdown()
