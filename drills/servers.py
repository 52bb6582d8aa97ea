"""`neighborshare bot --offline-bot-api` server processes on loopback ports, for the webhook
drills: the embedded profile on a given database (no Redis), started and stopped together."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from tests.support.redis_server import free_port

from drills.webhooks import PEPPER, SECRET


def server_env(url: str, workdir: Path) -> dict[str, str]:
    """The embedded profile on ``url`` (no Redis: per-process cache and limiter, lifted)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEIGHBORSHARE_")}
    ours = {"PROFILE": "embedded", "DATABASE_URL": url, "WEBHOOK_SECRET": SECRET,
            "PHONE_PEPPER": PEPPER, "LOG_DIR": str(workdir / "logs"), "DB_POOL_SIZE": "10",
            "HUEY_PATH": str(workdir / "tasks.db"), "PHOTO_DIR": str(workdir / "photos"),
            "RULES__UPDATES_PER_MINUTE": "1000000"}
    return env | {f"NEIGHBORSHARE_{k}": v for k, v in ours.items()}


class BotServer:
    """One `neighborshare bot --offline-bot-api` process on a loopback port."""

    def __init__(self, env: dict[str, str], workdir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"server-{self.port}.out"
        command = [str(Path(sys.executable).parent / "neighborshare"), "bot",
                   "--offline-bot-api", "--port", str(self.port)]
        self.process = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
            command, cwd=workdir, env=env, stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT)

    def wait_healthy(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(f"bot server did not become healthy: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@contextmanager
def bot_servers(url: str, count: int, workdir: Path) -> Iterator[list[str]]:
    """``count`` bot server processes on ``url``; their URLs."""
    env = server_env(url, workdir)
    started: list[BotServer] = []
    try:
        for _ in range(count):
            started.append(BotServer(env, workdir))
        for one in started:
            one.wait_healthy()
        yield [one.url for one in started]
    finally:
        for one in started:
            one.stop()
