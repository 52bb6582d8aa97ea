"""Send priority: a 20,000-neighbor digest being sent while neighbors tap and exchanges happen.

How to run it, from the repository root (about 14 minutes: the digest alone is 11 at 30/s)::

    .venv/bin/python -m bench.send_priority
    .venv/bin/python -m bench.send_priority --digests 3000 --seconds 30   # a short run

What runs, all on loopback, on one throwaway PostGIS database and the machine's Redis:
  - a stand-in Telegram (a threaded HTTP server in this process) that answers the Bot API
    calls the bot makes and enforces Telegram's limits: at most 30 messages in any 0.95 s
    (30 a second, with 50 ms allowed for the jitter of loopback HTTP), and one message a
    chat per 0.95 s; past either it answers 429 with ``retry_after`` 1, as Telegram does;
  - 20,000 (``--digests``) neighbors and a daily digest row for each, queued before anything
    starts;
  - two worker processes draining the outbox, each with two threads as ``neighborshare
    worker`` runs by default (``--threads``; NotificationService.drain, the production
    TelegramNotifier) and two bot processes (the production UpdateProcessor, its replies
    released through outgoing.Sending), all sharing one RedisSendSchedule, the send budget
    of the bot token, under a key prefix of their own;
  - for ``--seconds`` (120), at ``--rate`` (5) a second in all, alternately: a new neighbor's
    /start posted to one of the bot processes (its answer is a reply), and an exchange
    notification written to the outbox (as the services write one, class exchange).
Messages are rendered by a stand-in renderer that names the row ("daily_digest 17"): the
bench measures sending, not templates.

The last line, as issue #21 asks::

    transactional p99 X s; replies p99 Y s; digests Z msg/s; lost N; 429s after warm-up M

X: an exchange notification, from its row's commit to the stand-in receiving it; Y: a reply,
from its update reaching the bot process to the stand-in receiving the answer; Z: digests
received / the time from the first to the last; N: messages of any class the stand-in never
received (by the time every digest is in, or a 30-minute cap); M: 429s after the first 10 s
of the drive. The drive starts once every process is up and the digest is flowing.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import multiprocessing
import queue
import signal
import sys
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import sqlalchemy as sa

TOKEN = "1:bench"
WINDOW_S = 0.95  # the stand-in's second, less 50 ms of loopback jitter
PER_SECOND = 30
WARM_UP_S = 10.0
REPLY_CHATS = 30_000_000
REDIS_URL = "redis://127.0.0.1:6379/13"


# -- the stand-in Telegram -------------------------------------------------------------------


@dataclass
class Arrival:
    at: float
    chat_id: int
    text: str


@dataclass
class StandIn:
    """What the stand-in accepted and refused; thread-safe."""

    started: float = field(default_factory=time.time)
    arrivals: list[Arrival] = field(default_factory=list)
    refusals: list[float] = field(default_factory=list)
    refused_why: list[str] = field(default_factory=list)  # "chat <kind>" or "bot", in order
    _recent: deque[float] = field(default_factory=deque)
    _chat_last: dict[int, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def message(self, chat_id: int, text: str) -> tuple[int, dict[str, Any]]:
        with self._lock:
            now = time.time()
            while self._recent and self._recent[0] <= now - WINDOW_S:
                self._recent.popleft()
            chat_busy = now - self._chat_last.get(chat_id, 0) < WINDOW_S
            if len(self._recent) >= PER_SECOND or chat_busy:
                self.refusals.append(now)
                kind = "reply" if chat_id >= REPLY_CHATS else text.split(" ")[0]
                self.refused_why.append(f"chat {kind}" if chat_busy else f"bot {kind}")
                return 429, {"ok": False, "error_code": 429,
                             "description": "Too Many Requests: retry after 1",
                             "parameters": {"retry_after": 1}}
            self._recent.append(now)
            self._chat_last[chat_id] = now
            self.arrivals.append(Arrival(now, chat_id, text))
            message_id = next(self._ids)
        return 200, {"ok": True, "result": {
            "message_id": message_id, "date": int(now), "text": text,
            "chat": {"id": chat_id, "type": "private", "first_name": "N"}}}


BOT_USER = {"id": 1, "is_bot": True, "first_name": "Bench", "username": "bench_bot",
            "can_join_groups": False, "can_read_all_group_messages": False,
            "supports_inline_queries": True}


def handler_for(stand_in: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            method = self.path.rsplit("/", 1)[-1]
            params = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            if method in ("sendMessage", "sendPhoto"):
                text = params.get("text", params.get("caption", ""))
                status, answer = stand_in.message(int(params["chat_id"]), text)
            elif method == "getMe":
                status, answer = 200, {"ok": True, "result": BOT_USER}
            else:
                status, answer = 200, {"ok": True, "result": True}
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def stand_in_telegram() -> Iterator[tuple[StandIn, str]]:
    stand_in = StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(stand_in))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stand_in, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


# -- the bot's processes -----------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    url: str
    telegram: str  # the stand-in's base URL
    prefix: str  # the send budget's Redis keys
    per_second: int = PER_SECOND  # the budget's rate (the stand-in enforces PER_SECOND)


def _request(setup: Setup) -> Any:
    from telegram.request import HTTPXRequest

    class ToStandIn(HTTPXRequest):
        """PTB's HTTP client, its calls sent to the stand-in instead of api.telegram.org."""

        async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
            url = url.replace("https://api.telegram.org", setup.telegram)
            return await super().do_request(url, *args, **kwargs)

    return ToStandIn(connection_pool_size=16)


def _container(setup: Setup) -> Any:
    from dependency_injector import providers
    from pydantic import SecretStr

    from neighborshare.adapters.redis.client import redis_client
    from neighborshare.adapters.redis.send_schedule import RedisSendSchedule
    from neighborshare.container import Container
    from neighborshare.domain.rules import Rules
    from neighborshare.settings import Profile, Settings

    settings = Settings(  # type: ignore[call-arg]
        profile=Profile.EMBEDDED, database_url=setup.url, _env_file=None,
        telegram_token=SecretStr(TOKEN), rules=Rules(updates_per_minute=1_000_000))
    container = Container()
    container.settings.override(providers.Object(settings))
    budget = RedisSendSchedule(redis_client(REDIS_URL), setup.prefix, setup.per_second)
    container.send_budget.override(providers.Object(budget))
    return container


def _named(message: Any, recipient: Any) -> Any:
    from neighborshare.ports.services import OutgoingMessage

    return OutgoingMessage(recipient.telegram_id, f"{message.kind} {message.id}")


def worker_process(setup: Setup, stop: Any, threads: int) -> None:
    """Drain the outbox as a worker does (``neighborshare worker`` runs 2 threads by default),
    through the production notifier, until stopped."""
    from dependency_injector import providers
    from telegram import Bot

    from neighborshare.adapters.telegram.notifier import TelegramNotifier

    container = _container(setup)
    bot = Bot(TOKEN, request=_request(setup))
    notifier = TelegramNotifier(bot, container.send_budget())
    container.notifier.override(providers.Object(notifier))
    container.renderer.override(providers.Object(_named))
    service = container.notifications()

    def drain() -> None:
        while not stop.is_set():
            if not service.drain().handled:
                time.sleep(0.02)

    drains = [threading.Thread(target=drain) for _ in range(threads)]
    for thread in drains:
        thread.start()
    for thread in drains:
        thread.join()
    notifier.close()


def bot_process(setup: Setup, updates: Any, received: Any) -> None:
    """Process updates as a bot replica does; each one's answer goes through the budget."""
    asyncio.run(_serve(setup, updates, received))


async def _serve(setup: Setup, updates: Any, received: Any) -> None:
    from neighborshare.entrypoints.bot import outgoing
    from neighborshare.entrypoints.webhook.runtime import build_runtime

    runtime = build_runtime(_container(setup), request=_request(setup))
    await runtime.ptb.initialize()
    tasks: set[asyncio.Task[Any]] = set()
    while (payload := await asyncio.to_thread(updates.get)) is not None:
        received.put((payload["message"]["chat"]["id"], time.time()))
        task = asyncio.create_task(runtime.processor.process(payload))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    await outgoing.settled()
    await runtime.stop()


# -- the run ---------------------------------------------------------------------------------


def seed(url: str, digests: int, exchanges: int) -> None:
    """Neighbors (digest readers first, then exchange recipients) and one digest row each."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO users (telegram_id, preferred_name, phone_digest, phone_last_two,"
            " apartment, latitude, longitude, created_at, diet_mask, allergen_mask,"
            " custom_allergies, role, status, balance, notifications_enabled, reachable)"
            " SELECT 10000000 + g, 'N' || g, md5(g::text), '00', '1', 51.5074, -0.1278, now(),"
            " 0, 0, '', 'neighbor', 'active', 5, true, true FROM generate_series(1, :n) g"),
            {"n": digests + exchanges})
        connection.execute(sa.text(
            "INSERT INTO outbox (recipient_id, kind, payload, dedupe_key, created_at,"
            " available_at, attempts, priority, refusals)"
            " SELECT id, 'daily_digest', '{}', 'digest:' || id, now(), now(), 0, 3, 0"
            " FROM users WHERE telegram_id <= 10000000 + :n"), {"n": digests})
    engine.dispose()


def start_update(update_id: int, chat_id: int) -> dict[str, Any]:
    person = {"id": chat_id, "is_bot": False, "first_name": "Rae", "language_code": "en"}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "text": "/start",
        "chat": {"id": chat_id, "type": "private", "first_name": "Rae"}, "from": person,
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}


@dataclass
class Sent:
    exchanges: dict[int, float] = field(default_factory=dict)  # outbox id -> committed at
    replies: dict[int, float] = field(default_factory=dict)  # chat -> update received at


def drive(url: str, queues: list[Any], seconds: float, rate: float, digests: int) -> Sent:
    """Alternately a /start to a bot process and an exchange notification, ``rate`` a second."""
    engine = sa.create_engine(url)
    sent, first_exchange_user = Sent(), digests + 1
    insert = sa.text(
        "INSERT INTO outbox (recipient_id, kind, payload, dedupe_key, created_at, available_at,"
        " attempts, priority, refusals) VALUES (:r, 'request_accepted', '{}', :k, now(), now(),"
        " 0, 1, 0) RETURNING id")
    start = time.time()
    for n in itertools.count():
        due = start + n / rate
        if due >= start + seconds:
            break
        time.sleep(max(due - time.time(), 0))
        if n % 2 == 0:
            queues[(n // 2) % len(queues)].put(start_update(n + 1, REPLY_CHATS + n))
        else:
            with engine.begin() as connection:
                row_id = connection.execute(insert, {"r": first_exchange_user + n // 2,
                                                     "k": f"exchange:{n}"}).scalar_one()
            sent.exchanges[int(row_id)] = time.time()
    engine.dispose()
    return sent


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else float("nan")


def summary(stand_in: StandIn, sent: Sent, digests: int) -> str:
    arrivals = list(stand_in.arrivals)
    by_row: dict[str, float] = {}
    first_reply: dict[int, float] = {}
    for arrival in arrivals:
        if arrival.chat_id >= REPLY_CHATS:
            first_reply.setdefault(arrival.chat_id, arrival.at)
        else:
            by_row.setdefault(arrival.text, arrival.at)
    exchange_waits = [by_row[f"request_accepted {i}"] - at for i, at in sent.exchanges.items()
                      if f"request_accepted {i}" in by_row]
    reply_waits = [first_reply[c] - at for c, at in sent.replies.items() if c in first_reply]
    digest_times = sorted(t for text, t in by_row.items() if text.startswith("daily_digest"))
    rate = (len(digest_times) - 1) / (digest_times[-1] - digest_times[0]) if len(
        digest_times) > 1 else 0.0
    lost = (len(sent.exchanges) - len(exchange_waits) + len(sent.replies) - len(reply_waits)
            + digests - len(digest_times))
    late_429s = sum(1 for t in stand_in.refusals if t >= stand_in.started + WARM_UP_S)
    return (f"transactional p99 {p99(exchange_waits):.2f} s; replies p99 {p99(reply_waits):.2f} s;"
            f" digests {rate:.1f} msg/s; lost {lost}; 429s after warm-up {late_429s}")


def run(options: argparse.Namespace) -> None:
    from tests.support.databases import create_postgis_database, drop_postgis_database

    url = create_postgis_database()
    spawn = multiprocessing.get_context("spawn")
    try:
        exchanges = int(options.seconds * options.rate) // 2 + 1
        seed(url, options.digests, exchanges)
        with stand_in_telegram() as (stand_in, base):
            setup = Setup(url, base, f"bench-send-{uuid.uuid4().hex}:", options.budget)
            stop = spawn.Event()
            updates = [spawn.Queue() for _ in range(2)]
            received = spawn.Queue()
            # daemonic: stopped with this process, however it ends (a SIGTERM included, below)
            bots = [spawn.Process(target=bot_process, args=(setup, q, received), daemon=True)
                    for q in updates]
            workers = [spawn.Process(target=worker_process, args=(setup, stop, options.threads),
                                     daemon=True) for _ in range(2)]
            for process in bots + workers:
                process.start()
            # every process up (the bots' getMe done, the digest flowing) before the clock runs
            while len(stand_in.arrivals) < 2 * PER_SECOND:
                time.sleep(0.2)
            time.sleep(options.bot_start_s)
            stand_in.started = time.time()
            sent = drive(url, updates, options.seconds, options.rate, options.digests)
            print(f"drive done: {len(sent.exchanges)} exchange rows written", flush=True)
            deadline = time.time() + options.cap_s
            while time.time() < deadline and sum(
                    1 for a in list(stand_in.arrivals) if a.text.startswith("daily_digest")
            ) < options.digests:
                time.sleep(1)
            for q in updates:
                q.put(None)
            stop.set()
            for process in bots + workers:
                process.join(timeout=60)
            while True:
                try:
                    chat_id, at = received.get_nowait()
                except queue.Empty:
                    break
                sent.replies[chat_id] = at
            why = ", ".join(f"{reason} {n}" for reason, n in
                            sorted(Counter(stand_in.refused_why).items())) or "none"
            print(f"stand-in: {len(stand_in.arrivals)} messages, "
                  f"{len(stand_in.refusals)} 429s in all ({why})")
            print(summary(stand_in, sent, options.digests))
    finally:
        drop_postgis_database(url)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--digests", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--rate", type=float, default=5.0, help="updates + exchanges a second")
    parser.add_argument("--threads", type=int, default=2,
                        help="drain threads per worker (neighborshare worker's default: 2)")
    from neighborshare.settings import Settings

    budget = Settings.model_fields["send_budget_per_second"].default
    parser.add_argument("--budget", type=int, default=budget,
                        help=f"the send budget's messages a second (default {budget}, "
                             "NEIGHBORSHARE_SEND_BUDGET_PER_SECOND's; the stand-in allows 30)")
    parser.add_argument("--cap-s", type=float, default=1800.0)
    parser.add_argument("--bot-start-s", type=float, default=3.0)
    return parser.parse_args(argv)


if __name__ == "__main__":
    # stopped with kill: unwind, so the children stop and the throwaway database is dropped
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    run(parse())
