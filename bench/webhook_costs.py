"""What one webhook request costs the bot server: CPU and wall time per request, by kind.

Starts one `neighborshare bot --offline-bot-api` server (production profile: PostGIS, Redis) on a
loopback port with a few onboarded neighbors, then sends requests one at a time over one
keep-alive connection and reads the server process's CPU time from /proc before and after
each kind. Nothing else should run meanwhile: it is one process on an idle machine.

    .venv/bin/python -m bench.webhook_costs            # 1,500 of the cheap kinds, 600 commands

Kinds: a forged secret (403, the body never read); a duplicate update id (a transaction that
finds the id recorded and does nothing else); then /help, /credits, /browse (no dishes nearby:
the query and one answer), /mine, each a new update through the whole path (secret, one
transaction with the update id, rate limit, conversation and profile, handler, commit, answer).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from bench.raw_http import KeepAliveConnection
from bench.webhook_load import update
from bench.webhook_server import SECRET, running_servers

HEADER = "X-Telegram-Bot-Api-Secret-Token"
COMMANDS = ("/help", "/credits", "/browse", "/mine")


def server_cpu_s(port: int) -> float:
    """User + system CPU seconds of the server listening on ``port`` (from /proc)."""
    pids = subprocess.check_output(["pgrep", "-f", f"bot --offline-bot-api --port {port}$"])
    total = 0
    for pid in pids.split():
        fields = Path(f"/proc/{int(pid)}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / 100  # clock ticks


async def measure(url: str, telegram_ids: list[int], cheap: int, commands: int) -> None:
    parsed = urlparse(url)
    host, port = str(parsed.hostname), int(parsed.port or 80)
    connection = KeepAliveConnection(host, port)
    ids = itertools.count(1_000_000)
    good, bad = {HEADER: SECRET}, {HEADER: "not-the-secret"}

    async def run(label: str, body: Callable[[], bytes], headers: dict[str, str], n: int) -> None:
        for _ in range(min(100, n)):  # warm up this kind first
            await connection.post("/telegram/webhook", body(), headers)
        cpu, started = server_cpu_s(port), time.perf_counter()
        for _ in range(n):
            await connection.post("/telegram/webhook", body(), headers)
        wall = time.perf_counter() - started
        print(f"{label:<32} server CPU {1000 * (server_cpu_s(port) - cpu) / n:6.2f} ms   "
              f"wall {1000 * wall / n:6.2f} ms   ({n} requests)")

    seen = json.dumps(update(next(ids), telegram_ids[0], "/help")).encode()
    try:
        await run("forged secret (403)", lambda: b"{}", bad, cheap)
        await run("duplicate update id", lambda: seen, good, cheap)
        for command in COMMANDS:
            def body(command: str = command) -> bytes:
                return json.dumps(update(next(ids), telegram_ids[1], command)).encode()

            await run(command, body, good, commands)
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cheap", type=int, default=1500, help="403s and duplicates to send")
    parser.add_argument("--commands", type=int, default=600, help="requests of each command")
    args = parser.parse_args()
    if not (0 < args.cheap <= 20_000 and 0 < args.commands <= 5_000):
        parser.error("keep it bounded: --cheap up to 20,000, --commands up to 5,000")
    with running_servers(1, 5, "production", 4) as (urls, telegram_ids):
        asyncio.run(measure(urls[0], telegram_ids, args.cheap, args.commands))


if __name__ == "__main__":
    main()
