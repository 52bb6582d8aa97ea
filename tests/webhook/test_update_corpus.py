"""A corpus of update payloads as Telegram sends them (written from the Bot API's Update,
Message and Chat objects), for every update type and message kind, in private chats, groups,
supergroups and channels, posted to the webhook app: each is acknowledged without an error,
nothing private reaches a chat that is not the neighbor's own, and each gets the reply a
neighbor would expect (a hint in private, one pointer for a command in a group, else silence).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from typing import Any

import httpx
import pytest

from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.container import memory_container
from neighborshare.entrypoints.webhook.app import WEBHOOK_PATH, create_app
from neighborshare.entrypoints.webhook.checks import SECRET_HEADER
from neighborshare.ports.services import RateDecision
from tests.webhook.runtimes import runtime_with_priya

SECRET = "corpus-secret"
NOW = int(time.time())
FILE = {"file_id": "AgAD", "file_unique_id": "u1", "file_size": 2048}
KINDS: dict[str, dict[str, Any]] = {
    "text": {"text": "hello there"},
    "photo": {"photo": [FILE | {"width": 90, "height": 60}], "caption": "dinner"},
    "document": {"document": FILE | {"file_name": "menu.pdf", "mime_type": "application/pdf"}},
    "sticker": {"sticker": FILE | {"width": 512, "height": 512, "is_animated": False,
                                   "is_video": False, "type": "regular", "emoji": "🍲"}},
    "voice": {"voice": FILE | {"duration": 3, "mime_type": "audio/ogg"}},
    "video": {"video": FILE | {"width": 640, "height": 480, "duration": 5}},
    "contact": {"contact": {"phone_number": "+447700900555", "first_name": "Someone"}},
    "location": {"location": {"latitude": 51.51, "longitude": -0.12}},
    "live location": {"location": {"latitude": 51.51, "longitude": -0.12, "live_period": 900,
                                   "heading": 90}},
    "venue": {"venue": {"location": {"latitude": 51.51, "longitude": -0.12},
                        "title": "Corner shop", "address": "1 High St"},
              "location": {"latitude": 51.51, "longitude": -0.12}},
    "dice": {"dice": {"emoji": "🎲", "value": 4}},
    "poll": {"poll": {"id": "p1", "question": "Soup?", "options": [
        {"text": "yes", "voter_count": 0, "persistent_id": "o1"},
        {"text": "no", "voter_count": 0, "persistent_id": "o2"}],
        "total_voter_count": 0, "is_closed": False, "is_anonymous": True, "type": "regular",
        "allows_multiple_answers": False, "allows_revoting": False,
        "members_only": False}},
    "forwarded": {"text": "from elsewhere", "forward_origin": {
        "type": "hidden_user", "date": NOW, "sender_user_name": "Someone"}},
    "reply": {"text": "me too", "reply_to_message": {
        "message_id": 1, "date": NOW, "chat": {"id": 1, "type": "private"}, "text": "hi"}},
    "command": {"text": "/credits", "entities": [{"type": "bot_command", "offset": 0,
                                                  "length": 8}]},
    "addressed command": {"text": "/mine@NeighborShareBot", "entities": [
        {"type": "bot_command", "offset": 0, "length": 22}]},
    "other bot's command": {"text": "/mine@OtherBot", "entities": [
        {"type": "bot_command", "offset": 0, "length": 14}]},
    "service: new members": {"new_chat_members": [{"id": 5, "is_bot": False,
                                                    "first_name": "Sam"}]},
    "service: left member": {"left_chat_member": {"id": 5, "is_bot": False,
                                                  "first_name": "Sam"}},
    "service: pinned": {"pinned_message": {"message_id": 1, "date": 0,
                                           "chat": {"id": 1, "type": "private"}}},
    "service: new title": {"new_chat_title": "Hall 2"},
}
COMMANDS = {"command", "addressed command"}
SERVICE = {k for k in KINDS if k.startswith("service")}


class NoLimit:
    """Priya sends the whole corpus within a minute: not what the rate limit is tested by."""

    def hit(self, key: str, limit: int, window_s: int) -> RateDecision:
        return RateDecision(True)


class Corpus:
    def __init__(self) -> None:
        self.api = OfflineBotApi()
        container = memory_container(rate_limiter=NoLimit())
        self.bot = runtime_with_priya(self.api, onboarded=True, container=container)
        priya = self.bot.priya
        self.api.start(priya.as_user())
        self.user = priya.as_user()
        self.chats = {
            "private": {"id": priya.telegram_id, "type": "private", "first_name": "Priya"},
            **{kind: self.api.add_group(f"hall {kind}", [self.user], kind).as_chat()
               for kind in ("group", "supergroup", "channel")},
        }
        self.ids = itertools.count(10_000)

    def update(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"update_id": next(self.ids)} | body

    def message(self, chat: str, kind: str) -> dict[str, Any]:
        message = {"message_id": next(self.ids), "date": NOW, "chat": self.chats[chat],
                   "from": self.user} | KINDS[kind]
        if chat == "channel":
            del message["from"]
            message["sender_chat"] = self.chats[chat]
        return message


def cases() -> list[tuple[str, str, str]]:
    """(update type, message kind or "", chat type)."""
    found = [("message", kind, chat) for kind in KINDS
             for chat in ("private", "group", "supergroup")]
    found += [(kind, "text", chat) for kind in ("edited_message",)
              for chat in ("private", "group", "supergroup")]
    found += [("channel_post", "text", "channel"), ("edited_channel_post", "text", "channel"),
              ("message_reaction", "", "private"), ("callback_query", "", "group"),
              ("callback_query", "", "private"), ("inline_query", "", "private"),
              ("my_chat_member", "", "private"), ("my_chat_member", "", "supergroup"),
              ("chat_member", "", "supergroup"), ("poll_answer", "", "private")]
    return found


def body_for(corpus: Corpus, update_type: str, kind: str, chat: str) -> dict[str, Any]:
    user, chat_obj = corpus.user, corpus.chats[chat]
    if update_type in ("message", "edited_message", "channel_post", "edited_channel_post"):
        message = corpus.message(chat, kind)
        if update_type.startswith("edited"):
            message["edit_date"] = NOW
        return {update_type: message}
    bot = {"user": corpus.api.bot_user}
    simple: dict[str, Any] = {
        "message_reaction": {"chat": chat_obj, "message_id": 1, "user": user, "date": NOW,
                             "old_reaction": [], "new_reaction": [{"type": "emoji",
                                                                   "emoji": "👍"}]},
        "callback_query": {"id": str(next(corpus.ids)), "from": user, "chat_instance": "1",
                           "data": "x:acc:1", "message": {"message_id": 1, "date": NOW,
                                                          "chat": chat_obj, "text": "card"}},
        "inline_query": {"id": "iq1", "from": user, "query": "dal", "offset": ""},
        "my_chat_member": {"chat": chat_obj, "from": user, "date": NOW,
                           "old_chat_member": bot | {"status": "member"},
                           "new_chat_member": bot | {"status": "member"}},
        "chat_member": {"chat": chat_obj, "from": user, "date": NOW,
                        "old_chat_member": {"user": user, "status": "left"},
                        "new_chat_member": {"user": user, "status": "member"}},
        "poll_answer": {"poll_id": "p1", "user": user, "option_ids": [0],
                        "option_persistent_ids": ["o1"]},
    }
    return {update_type: simple[update_type]}


def expected(update_type: str, kind: str, chat: str) -> str:
    if update_type == "callback_query" and chat == "private":
        return "answer"  # a tap in the neighbor's own chat: a turn (here: no such exchange)
    if update_type == "message" and chat == "private":
        if kind in SERVICE:
            return "nothing"
        return "balance" if kind == "command" else "answer"
    if update_type == "message" and kind in COMMANDS:
        return "pointer"
    return "nothing"


@pytest.fixture(scope="module")
def corpus() -> Any:
    made = Corpus()
    runtime = made.bot.runtime
    app = create_app(runtime.webhook_parts([SECRET.encode()], None))
    loop = asyncio.new_event_loop()
    loop.run_until_complete(runtime.start())
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot")
    yield made, client, loop
    loop.run_until_complete(client.aclose())
    loop.run_until_complete(runtime.stop())
    loop.close()


@pytest.mark.parametrize(("update_type", "kind", "chat"), cases(),
                         ids=lambda v: str(v).replace(" ", "_") or "-")
def test_every_update_is_acknowledged_and_answered_as_a_neighbor_expects(
    corpus: Any, update_type: str, kind: str, chat: str, caplog: pytest.LogCaptureFixture
) -> None:
    made, client, loop = corpus
    sent_before = len(made.api.sent)
    payload = made.update(body_for(made, update_type, kind, chat))
    with caplog.at_level(logging.ERROR):
        response = loop.run_until_complete(
            client.post(WEBHOOK_PATH, json=payload, headers={SECRET_HEADER: SECRET}))
    assert response.status_code == 200
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    news = list(made.api.sent)[sent_before:]
    private_id = made.chats["private"]["id"]
    for message in news:
        if message.chat_id != private_id:  # nothing private outside the neighbor's own chat
            for private in ("12", "credit", "balance", "Priya", "55", "apartment"):
                assert private not in message.shown, (private, message.shown)
        assert "Sorry, something went wrong" not in message.shown
    want = expected(update_type, kind, chat)
    if want == "nothing":
        assert news == [], [m.shown for m in news]
    elif want == "pointer":
        (pointer,) = news
        assert pointer.chat_id == made.chats[chat]["id"]
        assert "I answer that in our private chat" in pointer.shown
    elif want == "balance":
        (answer,) = news
        assert answer.chat_id == private_id and "Your balance" in answer.shown
    else:
        assert news and all(m.chat_id == private_id for m in news)
