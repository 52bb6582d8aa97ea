"""The embedded profile's small server: `neighborshare bot --polling` serves the Mini App on
--host/--port beside getUpdates, and a SIGTERM stops both."""

from __future__ import annotations

import asyncio
import os
import signal
import socket

import httpx
from starlette.testclient import TestClient

from neighborshare.entrypoints.miniapp.server import miniapp_app
from neighborshare.entrypoints.webhook.cli import _poll
from tests.miniapp.world import MiniAppWorld


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_small_server_has_the_mini_app_and_nothing_of_the_webhook(
    world: MiniAppWorld,
) -> None:
    with TestClient(miniapp_app(world.runtime.miniapp)) as client:
        assert client.get("/miniapp/api/page?lang=de").json()["lang"] == "de"
        dishes = client.get("/miniapp/api/dishes", headers=world.auth("tom"))
        assert [d["name"] for d in dishes.json()["dishes"]] == ["Dal <b>tadka</b>"]
        assert client.get("/miniapp/api/dishes").status_code == 401
        assert client.post("/telegram/webhook", json={"update_id": 1}).status_code == 404
        assert client.get("/healthz").status_code == 404


def test_polling_serves_the_mini_app_until_it_is_stopped(world: MiniAppWorld) -> None:
    port = free_port()
    seen: dict[str, object] = {}

    async def neighbor() -> None:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            for _ in range(200):  # until the server listens
                try:
                    page = await client.get("/miniapp/api/page")
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.05)
            seen["page"] = page.status_code
            asked = await client.post(f"/miniapp/api/dishes/{world.posts['dal']}/request",
                                      json={"portions": 1}, headers=world.auth("tom"))
            seen["request"] = asked.status_code
        os.kill(os.getpid(), signal.SIGTERM)  # as systemd or docker stops the bot

    async def run() -> None:
        visit = asyncio.get_running_loop().create_task(neighbor())
        await asyncio.wait_for(_poll(world.runtime, ("127.0.0.1", port)), timeout=60)
        await visit

    asyncio.run(run())
    assert seen == {"page": 200, "request": 200}
    assert world.container.credits().balance(world.tom.id) == 4
    chat = world.api.messages(502)  # the request's message went out through the polling bot
    assert chat and chat[0].shown.startswith("🙋 You asked Priya for 1 portion")
    assert "getUpdates" in [method for method, _ in world.api.calls]
