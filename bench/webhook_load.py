"""Webhook load: 100 simulated neighbors posting updates over HTTP to the running bot server.

Starts `neighborshare bot --offline-bot-api` (the Bot API answered locally) on a loopback port
against a throwaway PostGIS database with 100 onboarded neighbors, then each neighbor sends
/browse, /credits, /mine, /help, /start, /cancel in a loop, waiting for each answer (as a
Telegram webhook does per chat), for --seconds. Prints requests/s, latency percentiles and
errors. Loopback only: --url must point at this machine.

    .venv/bin/python -m bench.webhook_load                # 60 s, production profile
    .venv/bin/python -m bench.webhook_load --seconds 10 --replicas 2
    .venv/bin/python -m bench.webhook_load --rate 500     # open loop: 500 updates/s offered

Closed loop (the default) measures the most the servers can take: every neighbor sends again as
soon as it is answered, so 100 requests are always in flight and the latency is mostly
queueing (Little's law: 100 in flight at 500/s is 200 ms each). ``--rate R`` is how Telegram
really delivers: updates arrive at R per second in all (Poisson arrivals, spread over the
neighbors), one chat's updates one at a time; each latency runs from when the update was due
to its answer, so an update held back behind its chat's previous one counts that wait too.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

from bench.machine import python_loop_seconds, speed_line
from bench.raw_http import KeepAliveConnection
from bench.webhook_server import SECRET, running_servers

SCRIPT = ("/browse", "/credits", "/mine", "/help", "/start", "/cancel")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def update(update_id: int, telegram_id: int, text: str) -> dict[str, object]:
    chat = {"id": telegram_id, "type": "private", "first_name": "N"}
    message: dict[str, object] = {
        "message_id": update_id, "date": int(time.time()), "chat": chat,
        "from": {"id": telegram_id, "is_bot": False, "first_name": "N"}, "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
    }
    return {"update_id": update_id, "message": message}


async def neighbor(host: str, port: int, telegram_id: int, ids: itertools.count[int],
                   deadline: float, latencies: list[tuple[float, float]],
                   errors: Counter[str], rate: float | None = None) -> None:
    """Send updates until ``deadline``: back to back, or at ``rate`` per second on average."""
    connection = KeepAliveConnection(host, port)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    arrivals = random.Random(telegram_id)
    due = time.perf_counter() + (arrivals.expovariate(rate) if rate else 0.0)
    try:
        for text in itertools.cycle(SCRIPT):
            if rate:  # wait until the next update is due (or the run is over)
                await asyncio.sleep(max(0.0, min(due, deadline) - time.perf_counter()))
            if time.perf_counter() >= deadline:
                return
            body = json.dumps(update(next(ids), telegram_id, text)).encode()
            started = due if rate else time.perf_counter()
            due += arrivals.expovariate(rate) if rate else 0.0
            try:
                status = await connection.post("/telegram/webhook", body, headers)
                if status != 200:
                    errors[f"HTTP {status}"] += 1
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
                errors[type(error).__name__] += 1
                await connection.close()
            latencies.append((started, time.perf_counter() - started))
    finally:
        await connection.close()


async def load(urls: list[str], telegram_ids: list[int], seconds: float,
               rate: float | None = None, warmup: float = 0.0) -> None:
    """Load for ``warmup`` + ``seconds``; only updates due after the warm-up are measured."""
    sent: list[tuple[float, float]] = []
    errors: Counter[str] = Counter()
    ids = itertools.count(int(time.time() * 1000) % 1_000_000_000)
    servers = [(str(urlparse(u).hostname), int(urlparse(u).port or 80)) for u in urls]
    measured_from = time.perf_counter() + warmup
    deadline = measured_from + seconds
    with paused_garbage_collection():
        await asyncio.gather(*(
            neighbor(*servers[i % len(servers)], tid, ids, deadline, sent, errors,
                     rate / len(telegram_ids) if rate else None)
            for i, tid in enumerate(telegram_ids)
        ))
    elapsed = time.perf_counter() - measured_from
    latencies = [latency for due, latency in sent if due >= measured_from]
    offered = f"open loop, {rate:.0f} updates/s offered" if rate else "closed loop"
    offered += f", measured after {warmup:.0f} s of warm-up" if warmup else ""
    report(latencies, errors, elapsed, len(telegram_ids), len(urls), offered)


@contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """The load generator stands in for Telegram: its own pauses are not the servers' latency.
    Its full collections walked every latency kept so far and, 24 s into a run, stalled all
    100 neighbors for 75 ms at once (the answers waiting meanwhile counted as slow). A bounded
    run's garbage (a few hundred thousand small objects at most) waits for the end instead."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def report(latencies: list[float], errors: Counter[str], elapsed: float, people: int,
           servers: int, offered: str) -> None:
    ms = sorted(x * 1000 for x in latencies)
    cuts = statistics.quantiles(ms, n=100) if len(ms) > 1 else [0.0] * 99
    print(f"{people} neighbors, {servers} server process(es), {offered}, {elapsed:.1f} s")
    print(f"requests: {len(ms)}  requests/s: {len(ms) / elapsed:.0f}")
    print(f"latency ms: p50 {cuts[49]:.1f}  p90 {cuts[89]:.1f}  p99 {cuts[98]:.1f}  "
          f"max {ms[-1] if ms else 0:.1f}")
    print(f"errors: {sum(errors.values())} {dict(errors) if errors else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--neighbors", type=int, default=100)
    parser.add_argument("--replicas", type=int, default=2,
                        help="server processes to start (production runs two)")
    parser.add_argument("--profile", choices=["production", "embedded"], default="production")
    parser.add_argument("--pool-size", type=int, default=4, help="NEIGHBORSHARE_DB_POOL_SIZE")
    parser.add_argument("--warmup", type=float, default=5.0,
                        help="seconds of load before measuring (cold caches, new connections)")
    parser.add_argument("--rate", type=float, default=None,
                        help="updates per second offered in all (open loop); default: closed loop")
    args = parser.parse_args()
    if not 0 < args.seconds <= 600 or not 0 < args.neighbors <= 1000:
        parser.error("keep it bounded: --seconds up to 600, --neighbors up to 1000")
    if not 0 <= args.warmup <= 60:
        parser.error("keep it bounded: --warmup up to 60")
    if args.rate is not None and not 0 < args.rate <= 5000:
        parser.error("keep it bounded: --rate up to 5000")
    with running_servers(args.replicas, args.neighbors, args.profile,
                         args.pool_size) as (urls, telegram_ids):
        if any(urlparse(u).hostname not in LOOPBACK for u in urls):
            raise SystemExit("loopback only")
        before = python_loop_seconds()
        asyncio.run(load(urls, telegram_ids, args.seconds, args.rate, args.warmup))
        print(speed_line(before, python_loop_seconds()))


if __name__ == "__main__":
    main()
