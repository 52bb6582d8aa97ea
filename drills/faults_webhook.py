"""Fault drill, webhook part: updates keep arriving over HTTP while the bot's Redis (a private
redis-server) is stopped and restarted and its PostgreSQL connection is cut and restored (a
loopback TCP proxy: every connection dies, as in a server restart). Telegram's side is played
by a client that redelivers each update until it is answered 200."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx
import sqlalchemy as sa
from tests.support.redis_server import PrivateRedis
from tests.webhook.live import SECRET, SECRET_HEADER, LiveBot, production_container
from tests.webhook.tcp_proxy import TcpProxy

from drills.books import counts
from drills.outcome import Outcome
from drills.webhooks import Person, seed, services, share

SCHEDULE = ((2.0, "stop redis"), (4.0, "start redis"), (6.0, "cut database"),
            (8.0, "restore database"))


class Timeline:
    def __init__(self) -> None:
        self.t0 = time.monotonic()
        self.events: dict[str, float] = {}
        self.answers: list[tuple[float, int]] = []  # (time, status) of every delivery attempt
        self.health: list[tuple[float, int]] = []

    def now(self) -> float:
        return time.monotonic() - self.t0

    def back_after(self, event: str, series: list[tuple[float, int]]) -> float | None:
        at = self.events[event]
        return next((t - at for t, status in series if t >= at and status == 200), None)


async def telegram(bot: LiveBot, bodies: list[dict[str, object]], rate: float,
                   line: Timeline) -> None:
    headers = {SECRET_HEADER: SECRET}

    async def one(client: httpx.AsyncClient, body: dict[str, object]) -> None:
        while line.now() < 120:
            try:
                response = await client.post(bot.url + "/telegram/webhook", json=body,
                                             headers=headers)
                status = response.status_code
            except httpx.TransportError:
                status = 0
            line.answers.append((line.now(), status))
            if status == 200:
                return
            await asyncio.sleep(0.1)

    async with httpx.AsyncClient(timeout=30) as client:
        tasks = []
        for index, body in enumerate(bodies):
            await asyncio.sleep(max(0.0, index / rate - line.now()))
            tasks.append(asyncio.create_task(one(client, body)))
        await asyncio.gather(*tasks)


async def health(bot: LiveBot, line: Timeline, until: asyncio.Event) -> None:
    async with httpx.AsyncClient(timeout=2) as client:
        while not until.is_set():
            try:
                status = (await client.get(bot.url + "/healthz")).status_code
            except httpx.TransportError:
                status = 0
            line.health.append((line.now(), status))
            await asyncio.sleep(0.05)


async def faults(redis: PrivateRedis, proxy: TcpProxy, line: Timeline) -> None:
    actions = {"stop redis": redis.stop, "start redis": redis.start,
               "cut database": proxy.cut, "restore database": proxy.restore}
    for at, event in SCHEDULE:
        await asyncio.sleep(max(0.0, at - line.now()))
        await asyncio.to_thread(actions[event])
        line.events[event] = line.now()


async def drive(bot: LiveBot, bodies: list[dict[str, object]], rate: float,
                redis: PrivateRedis, proxy: TcpProxy) -> Timeline:
    line, done = Timeline(), asyncio.Event()
    watcher = asyncio.create_task(health(bot, line, done))
    await asyncio.gather(telegram(bot, bodies, rate, line), faults(redis, proxy, line))
    await asyncio.sleep(0.5)
    done.set()
    await watcher
    return line


def during(line: Timeline, start: str, end: str,
           series: list[tuple[float, int]] | None = None) -> Counter[int]:
    a, b = line.events[start], line.events[end]
    return Counter(status for t, status in (series or line.answers) if a <= t <= b)


@dataclass(frozen=True)
class WebhookRun:
    """What the fault run leaves for its checks (drills/fault_checks.py)."""

    line: Timeline
    bot: LiveBot
    outbox_before: int
    requesters: list[Person]


def run_webhook_faults(outcome: Outcome, updates: int, url: str, workdir: Path) -> WebhookRun:
    from drills.redelivery import PER_NEIGHBOR, PORTIONS, plan

    c = services(url)
    sharers = seed(c, -(-updates // PORTIONS))
    posts = [share(c, s, PORTIONS, f"Dish {i}") for i, s in enumerate(sharers)]
    requesters = seed(c, -(-updates // PER_NEIGHBOR), first=len(posts))
    c.uow_factory().dispose()
    bodies = plan(updates, requesters, posts)
    before = counts(url, {"n": "SELECT count(*) FROM outbox"})["n"]
    redis, proxy = PrivateRedis(workdir), TcpProxy(("127.0.0.1", sa.make_url(url).port or 5432))
    redis.start()
    proxy.restore()
    via = sa.make_url(url).set(port=proxy.port).render_as_string(hide_password=False)
    bot = LiveBot(production_container(via, redis.url)).start()
    outcome.attempt(f"{updates} updates over 11 s to a bot on PostGIS + a private Redis: "
                    + ", ".join(f"{e} at {t:.0f} s" for t, e in SCHEDULE))
    try:
        line = asyncio.run(drive(bot, bodies, updates / 11.0, redis, proxy))
    finally:
        bot.stop()
        proxy.cut()
        redis.stop()
    return WebhookRun(line, bot, before, requesters)
