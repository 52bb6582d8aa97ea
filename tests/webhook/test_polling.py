"""Long polling: each fetched update is processed once and the offset moves past it afterwards."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.entrypoints.webhook.polling import poll
from tests.webhook.runtimes import runtime_with_priya


class QueuedUpdatesApi(OfflineBotApi):
    """The offline Bot API, with getUpdates serving queued batches (then stopping the poller)."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[dict[str, Any]]] = []
        self.offsets: list[int | None] = []
        self.asked_for: list[Any] = []
        self.stop = asyncio.Event()

    async def do_request(self, url: str, method: str, request_data: Any = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if not url.endswith("/getUpdates"):
            return await super().do_request(url, method, request_data, *args, **kwargs)
        offset = request_data.parameters.get("offset") if request_data else None
        self.offsets.append(offset)
        self.asked_for.append(request_data.parameters.get("allowed_updates")
                              if request_data else None)
        if not self.batches:
            self.stop.set()
            return 200, b'{"ok": true, "result": []}'
        return 200, json.dumps({"ok": True, "result": self.batches.pop(0)}).encode()


def test_polled_updates_are_processed_once_and_acknowledged_by_the_offset() -> None:
    api = QueuedUpdatesApi()
    bot = runtime_with_priya(api)
    container, runtime, neighbors, priya = bot.container, bot.runtime, bot.neighbors, bot.priya
    start, name = (neighbors.text(priya, t).to_dict() for t in ("/start", "Priya"))
    api.batches = [[start], [start, name]]  # /start comes twice: handled once

    async def run() -> None:
        await runtime.start()
        try:
            await asyncio.wait_for(poll(runtime, api.stop), timeout=30)
        finally:
            await runtime.stop()

    asyncio.run(run())
    assert api.offsets == [None, start["update_id"] + 1, name["update_id"] + 1]
    handled = ["message", "callback_query", "my_chat_member", "inline_query",
               "chosen_inline_result"]
    assert api.asked_for == [handled] * 3  # only the update types the bot acts on
    assert len(api.messages(priya.telegram_id)) == 2
    with container.uow_factory()() as uow:
        assert uow.sessions.get(priya.telegram_id).data["name"] == "Priya"
