"""Bot server processes for bench/webhook_load.py: a throwaway PostGIS database with onboarded
neighbors, and `neighborshare bot --offline-bot-api` on loopback ports."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
from dependency_injector import providers
from telegram import Bot
from tests.support.databases import create_postgis_database, drop_postgis_database
from tests.support.redis_server import free_port

from bench.bot_workload import CENTRE
from neighborshare.adapters.telegram.neighbors import OfflineNeighbors
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi
from neighborshare.container import Container
from neighborshare.domain.values import Location
from neighborshare.services.users import Registration
from neighborshare.settings import Profile, Settings

SECRET = "bench-webhook-secret-" + secrets.token_hex(8)
PEPPER = "bench-pepper-" + secrets.token_hex(8)
UNUSED = "http://127.0.0.1:9"  # outside services the workload never calls: nothing leaves


def seed(url: str, count: int) -> list[int]:
    """``count`` onboarded neighbors within a few hundred metres; their Telegram ids."""
    container = Container()
    container.settings.override(providers.Object(Settings(  # type: ignore[call-arg]
        profile=Profile.EMBEDDED, database_url=url, phone_pepper=PEPPER, _env_file=None)))
    api = OfflineBotApi()
    neighbors = OfflineNeighbors(api, Bot(OFFLINE_TOKEN, request=api))
    users, auth, ids = container.users(), container.auth(), []
    for index in range(count):
        person = neighbors.neighbor(f"n{index}")
        spot = Location(CENTRE[0] + (index % 20) * 0.0001, CENTRE[1] + (index // 20) * 0.0002)
        phone = auth.hash(f"+44770090{index:04d}")
        users.register(Registration(person.telegram_id, f"N{index}", phone, str(index), spot))
        ids.append(person.telegram_id)
    container.uow_factory().dispose()
    return ids


def server_env(url: str, profile: str, log_dir: Path, pool_size: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEIGHBORSHARE_")}
    fake = {"TELEGRAM_TOKEN": "1:bench", "S3_BUCKET": "bench", "S3_ENDPOINT_URL": UNUSED,
            "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench-secret-key",
            "TWILIO_ACCOUNT_SID": "ACbench", "TWILIO_AUTH_TOKEN": "bench-token",
            "TWILIO_VERIFY_SERVICE_SID": "VAbench", "TWILIO_BASE_URL": UNUSED,
            "GOOGLE_MAPS_API_KEY": "AIza" + "b" * 35, "GOOGLE_MAPS_BASE_URL": UNUSED}
    ours = {"PROFILE": profile, "DATABASE_URL": url, "REDIS_URL": "redis://127.0.0.1:6379/14",
            "WEBHOOK_SECRET": SECRET, "PHONE_PEPPER": PEPPER, "LOG_DIR": str(log_dir),
            "RULES__UPDATES_PER_MINUTE": "1000000", "DB_POOL_SIZE": str(pool_size)}
    ours |= fake if profile == "production" else {}
    return env | {f"NEIGHBORSHARE_{k}": v for k, v in ours.items()}


@contextmanager
def server(env: dict[str, str], workdir: Path) -> Iterator[str]:
    port = free_port()
    command = [str(Path(sys.executable).parent / "neighborshare"), "bot", "--offline-bot-api",
               "--port", str(port)]
    log = (workdir / f"server-{port}.out").open("wb")
    process = subprocess.Popen(command, cwd=workdir, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _wait_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"the bot server at {url} did not become healthy")


@contextmanager
def running_servers(replicas: int, people: int, profile: str,
                    pool_size: int = 10) -> Iterator[tuple[list[str], list[int]]]:
    url = create_postgis_database()
    try:
        ids = seed(url, people)
        with tempfile.TemporaryDirectory(prefix="ns-webhook-bench-") as folder, ExitStack() as s:
            env = server_env(url, profile, Path(folder) / "logs", pool_size)
            urls = [s.enter_context(server(env, Path(folder))) for _ in range(replicas)]
            yield urls, ids
    finally:
        drop_postgis_database(url)
