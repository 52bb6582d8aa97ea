"""/linkgroup through the update processor (webhook and polling): Telegram is asked who is an
admin during the update, on the bot's loop, and the group's answer goes out after the commit."""

from __future__ import annotations

import asyncio

from neighborshare.adapters.telegram.neighbors import OfflinePayloads
from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.container import memory_container
from neighborshare.entrypoints.webhook.processing import Outcome
from neighborshare.entrypoints.webhook.runtime import build_runtime


def test_an_admin_links_a_group_through_the_processor_and_a_member_cannot() -> None:
    container = memory_container()
    api = OfflineBotApi()
    runtime = build_runtime(container, api)
    neighbors = OfflinePayloads(api)
    tom, sam = neighbors.neighbor("tom"), neighbors.neighbor("sam")
    hall = neighbors.group("hall", ["tom"])  # Tom made it: its creator
    payloads = [
        neighbors.text(who, "/linkgroup 600 es", chat=hall,
                       reply_to=neighbors.location_payload(who, 51.5118, -0.1228, hall))
        for who in (sam, tom)
    ]

    async def go() -> list[Outcome]:
        await runtime.start()
        try:
            return [await runtime.processor.process(p) for p in payloads]
        finally:
            await runtime.stop()

    assert asyncio.run(go()) == [Outcome.PROCESSED, Outcome.PROCESSED]
    refused, linked = (m.shown for m in api.messages(hall.id))
    assert refused == "Only this group's admins can link or unlink it."
    assert linked.startswith("✅ Vinculado.") and "600 m" in linked
    group = container.community().get(hall.id)
    assert group is not None and (group.radius_m, group.language) == (600, "es")
    assert [name for name, _ in api.calls].count("getChatMember") == 2
