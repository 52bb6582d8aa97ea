"""Where the update processor runs an update's handlers: on an event loop of the thread that holds
the update's transaction, with blocking service calls in place, and Bot API requests made during
the update (a photo's getFile and download) on the bot's own loop."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.container import memory_container
from neighborshare.entrypoints.bot.script import sample_photo
from neighborshare.entrypoints.webhook.processing import Outcome
from tests.webhook.runtimes import runtime_with_priya


class LoopRecordingBotApi(OfflineBotApi):
    """The offline Bot API, noting on which event loop each request was made."""

    def __init__(self) -> None:
        super().__init__()
        self.loops: list[tuple[str, asyncio.AbstractEventLoop]] = []

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> Any:
        name = "download" if method == "GET" else url.rsplit("/", 1)[-1]
        self.loops.append((name, asyncio.get_running_loop()))
        return await super().do_request(url, method, *args, **kwargs)


class ThreadRecording:
    """A service whose calls note the thread they ran on."""

    def __init__(self, inner: Any, threads: list[str]) -> None:
        self._inner, self._threads = inner, threads

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._inner, name)
        if not callable(found):
            return found

        def call(*args: Any, **kwargs: Any) -> Any:
            self._threads.append(threading.current_thread().name)
            return found(*args, **kwargs)

        return call


def test_handlers_run_on_the_transaction_thread_and_bot_requests_on_the_bot_loop() -> None:
    container = memory_container()
    threads: list[str] = []
    processor = container.photo_processor()
    container.photo_processor.override(ThreadRecording(processor, threads))
    api = LoopRecordingBotApi()
    bot = runtime_with_priya(api, onboarded=True, container=container)
    runtime, neighbors, priya = bot.runtime, bot.neighbors, bot.priya

    async def go() -> tuple[list[Outcome], asyncio.AbstractEventLoop]:
        await runtime.start()
        try:
            outcomes = []
            for make in (lambda: neighbors.text(priya, "/share"),
                         lambda: neighbors.text(priya, "Lentil soup"),
                         lambda: neighbors.photo(priya, sample_photo())):
                outcomes.append(await runtime.processor.process(make().to_dict()))
            return outcomes, asyncio.get_running_loop()
        finally:
            await runtime.stop()

    outcomes, home = asyncio.run(go())
    assert outcomes == [Outcome.PROCESSED] * 3
    assert "How many portions" in api.messages(priya.telegram_id)[-1].text
    made = dict(api.loops)
    assert {"getFile", "download"} <= made.keys()
    assert all(loop is home for _, loop in api.loops)  # the bot's HTTP client is never shared
    assert threads and all(name.startswith("update-tx") for name in threads), threads
