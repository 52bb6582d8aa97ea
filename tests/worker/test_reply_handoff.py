"""A reply Telegram asked to wait long for goes to the outbox (class reply) and arrives once."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import pytest
from telegram import Bot

from neighborshare.adapters.memory.outside import RecordingNotifier
from neighborshare.adapters.telegram.loop_notifier import LoopBotNotifier
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi
from neighborshare.domain.sending import SendClass
from neighborshare.entrypoints.bot import outgoing
from neighborshare.services.notifications import NotificationService
from neighborshare.services.replies import ReplyHandoff
from tests.worker.conftest import BACKENDS, MakeWorld, World
from tests.worker.scenario import register

CHAT = 300
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def _service(world: World, notifier: Any) -> NotificationService:
    return NotificationService(world.uow, world.clock, notifier, world.container.renderer(),
                               world.container.rules())


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_handed_over_reply_waits_its_time_and_is_sent_once_as_a_reply(
    make_world: MakeWorld, backend: str
) -> None:
    world = make_world(backend)
    register(world, CHAT, "Priya")
    handoff = ReplyHandoff(world.uow, world.clock)
    assert handoff.hand_over(CHAT, [("sendMessage", {"chat_id": CHAT, "text": "Accepted!"}),
                                    ("sendMessage", {"chat_id": CHAT, "text": "Pick up at 4B"})],
                             600)
    assert not handoff.hand_over(999, [("sendMessage", {"chat_id": 999, "text": "?"})], 600)
    notifier = RecordingNotifier()
    service = _service(world, notifier)
    assert service.drain_all().sent == 0  # not before Telegram's retry_after
    world.clock.advance(timedelta(seconds=601))
    assert service.drain_all().sent == 2
    world.clock.advance(timedelta(hours=1))
    assert service.drain_all().sent == 0
    assert [(m.call[0], json.loads(m.call[1])) for m in notifier.sent if m.call] == [
        ("sendMessage", {"chat_id": 300, "text": "Accepted!"}),
        ("sendMessage", {"chat_id": 300, "text": "Pick up at 4B"}),
    ]
    assert {m.send_class for m in notifier.sent} == {SendClass.REPLY}


def test_a_reply_refused_with_a_long_429_reaches_the_neighbor_once_through_the_outbox(
    make_world: MakeWorld,
) -> None:
    world = make_world("memory")
    register(world, CHAT, "Priya")
    handoff = ReplyHandoff(world.uow, world.clock)
    api = OfflineBotApi()
    api.start(CHAT)

    async def go() -> list[str]:
        async with Bot(OFFLINE_TOKEN, request=api, get_updates_request=api) as bot:
            api.rate_limit(CHAT, retry_after=600)
            reply = outgoing.ApiCall(bot, "sendMessage", {"chat_id": CHAT, "text": "Accepted!"})
            sending = outgoing.Sending(handoff=handoff.hand_over)
            assert await outgoing.release(outgoing.Held([reply]), sending) == 0
            assert not outgoing._later  # no task of this process keeps it
            assert api.messages(CHAT) == []
            world.clock.advance(timedelta(seconds=601))
            service = _service(world, LoopBotNotifier(bot, asyncio.get_running_loop()))
            assert (await asyncio.to_thread(service.drain_all)).sent == 1
            assert (await asyncio.to_thread(service.drain_all)).sent == 0
            return [m.text for m in api.messages(CHAT)]

    assert asyncio.run(go()) == ["Accepted!"]
