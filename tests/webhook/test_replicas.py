"""Two `neighborshare bot` processes on one database take turns serving one conversation, and
their JSON logs never contain a phone number or a secret."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from telegram import Bot

from neighborshare.adapters.telegram.neighbors import OfflineNeighbors
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi
from tests.support.redis_server import free_port
from tests.webhook.live import SECRET, SECRET_HEADER, conversation

pytestmark = [pytest.mark.postgis, pytest.mark.slow]
PEPPER = "replica-test-pepper-0123456789"
NEIGHBORSHARE = str(Path(sys.executable).parent / "neighborshare")


class Replica:
    def __init__(self, database_url: str, workdir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEIGHBORSHARE_")}
        env |= {"NEIGHBORSHARE_PROFILE": "embedded", "NEIGHBORSHARE_DATABASE_URL": database_url,
                "NEIGHBORSHARE_WEBHOOK_SECRET": SECRET, "NEIGHBORSHARE_PHONE_PEPPER": PEPPER,
                "NEIGHBORSHARE_LOG_FORMAT": "json", "NEIGHBORSHARE_DB_POOL_SIZE": "2"}
        self.log = workdir / f"replica-{self.port}.log"
        self._process = subprocess.Popen(
            [NEIGHBORSHARE, "bot", "--offline-bot-api", "--port", str(self.port)],
            cwd=workdir, env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
        )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(self.log.read_text())
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("replica did not become healthy")

    def post(self, body: dict) -> int:
        response = httpx.post(self.url + "/telegram/webhook", json=body,
                              headers={SECRET_HEADER: SECRET}, timeout=30)
        return response.status_code

    def stop(self) -> list[dict]:
        self._process.terminate()
        self._process.wait(timeout=20)
        return [json.loads(line) for line in self.log.read_text().splitlines() if line]


@pytest.fixture
def replicas(database_url: str, tmp_path: Path) -> Iterator[tuple[Replica, Replica]]:
    pair = Replica(database_url, tmp_path), Replica(database_url, tmp_path)
    try:
        for replica in pair:
            replica.wait_ready()
        yield pair
    finally:
        for replica in pair:
            if replica._process.poll() is None:
                replica.stop()


def test_two_replicas_serve_alternating_updates_of_one_conversation(
    replicas: tuple[Replica, Replica], database_url: str
) -> None:
    api = OfflineBotApi()
    neighbors = OfflineNeighbors(api, Bot(OFFLINE_TOKEN, request=api))
    priya = neighbors.neighbor("priya")
    steps = [neighbors.text(priya, "/start"), neighbors.text(priya, "Priya"),
             neighbors.contact(priya), neighbors.text(priya, "4B"),
             neighbors.location(priya, 51.5074, -0.1278)]
    statuses = [replicas[i % 2].post(u.to_dict()) for i, u in enumerate(steps)]
    statuses.append(replicas[1].post(steps[-1].to_dict()))  # redelivered to the other one
    assert statuses == [200] * 6

    session = conversation(database_url, priya.telegram_id)
    assert (session.flow, session.step) == ("start", "diet")
    assert (session.data["name"], session.data["apartment"]) == ("Priya", "4B")
    assert session.data["phone_last_two"] == priya.phone[-2:]

    lines = [line for replica in replicas for line in replica.stop()]
    served = [line for line in lines if line.get("outcome") in ("processed", "duplicate")]
    assert sorted(line["outcome"] for line in served) == ["duplicate"] + ["processed"] * 5
    assert {line["log_type"] for line in lines} >= {"application", "access"}
    everything = json.dumps(lines)
    for secret in (priya.phone, priya.phone[1:], priya.phone[3:], SECRET, PEPPER):
        assert secret not in everything
