"""The baseline beside the bot's figures: a bare PTB Application with one trivial handler."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from neighborshare.adapters.telegram.neighbors import OfflineNeighbors
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi


def report(label: str, latencies: list[float], elapsed: float) -> float:
    rate = len(latencies) / elapsed
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    print(f"{label:<34} {len(latencies):>6} updates  {rate:>8.0f} updates/s  "
          f"p50 {statistics.median(latencies) * 1000:6.1f} ms  p99 {p99:6.1f} ms")
    return rate


async def timed(run: Callable[[Update], Awaitable[None]], update: Update,
                latencies: list[float]) -> None:
    started = time.perf_counter()
    await run(update)
    latencies.append(time.perf_counter() - started)


async def bench_bare(count: int, concurrency: int) -> float:
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
    latencies: list[float] = []
    gate = asyncio.Semaphore(concurrency)

    async def one(update: Update) -> None:
        async with gate:
            await timed(app.process_update, update, latencies)

    started = time.perf_counter()
    await asyncio.gather(*(one(u) for u in updates))
    rate = report("bare PTB, one handler", latencies, time.perf_counter() - started)
    await app.shutdown()
    return rate
