"""The bot world of a scenario: replicas of the real bot on one database, neighbors, a clock."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Update

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.adapters.telegram.sent import SentMessage
from neighborshare.entrypoints.bot.offline_bot import OfflineBot

# a Monday at 10:00 in London (UTC+1 in June): every preset and typed window is open
START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

HOME = {"priya": (51.5115, -0.1235), "tom": (51.5121, -0.1220), "sam": (51.5110, -0.1230)}


class BotWorld:
    def __init__(self, make_container: Callable[[], Any], clock: FixedClock) -> None:
        self.make_container = make_container
        self.clock = clock
        self.api = OfflineBotApi()
        self.miniapp_url: str | None = None
        self.loop = asyncio.new_event_loop()
        self.replicas = [self._replica()]
        self.active = 0
        self._read: dict[int, int] = {}
        self.waited: list[float] = []  # what the notifier slept when Telegram said 429
        self._update_ids = itertools.count(1_000_000)  # clear of the neighbors' own
        self.calls_read = 0

    def _replica(self) -> OfflineBot:
        bot = OfflineBot(self.make_container(), self.clock, api=self.api, sleep=self._sleep)
        bot.deps.miniapp_url = self.miniapp_url  # MINIAPP_URL: the Map and menu buttons
        self.loop.run_until_complete(bot.start())
        return bot

    async def _sleep(self, seconds: float) -> None:
        self.waited.append(seconds)

    @property
    def bot(self) -> OfflineBot:
        return self.replicas[self.active]

    def close(self) -> None:
        for bot in self.replicas:
            self.loop.run_until_complete(bot.stop())
        self.loop.close()

    # -- acting ------------------------------------------------------------------------------

    def chat_id(self, name: str) -> int:
        return self.bot.neighbors.neighbor(name).telegram_id

    def act(self, name: str, make: Callable[[Any, Any], Any]) -> None:
        """Build an update from neighbor ``name`` and let the active replica handle it."""
        self.mark_read()
        neighbors = self.bot.neighbors
        self.loop.run_until_complete(self.bot.send(make(neighbors, neighbors.neighbor(name))))

    def say(self, name: str, text: str) -> None:
        self.act(name, lambda n, who: n.text(who, text))

    def tap(self, name: str, label: str) -> None:
        self.act(name, lambda n, who: n.tap(who, label))

    def group_id(self, title: str) -> int:
        return self.bot.neighbors.group(title).id

    def group(self, title: str) -> dict[str, Any]:
        """The supergroup ``title`` (the offline Bot API makes it on first use, bot in it)."""
        return self.bot.neighbors.group(title).as_chat()

    def say_in_group(self, name: str, title: str, text: str) -> None:
        """``name`` writes ``text`` in the supergroup ``title``."""
        self.act(name, lambda n, who: n.text(who, text, chat=n.group(title)))

    def make_admin(self, name: str, title: str) -> None:
        """``name`` is an administrator of the supergroup ``title``, as Telegram reports it."""
        chat = self.bot.neighbors.group(title)
        self.api.chats.join(chat, self.bot.neighbors.neighbor(name).as_user(), "administrator")

    def link_group(self, name: str, title: str, command: str,
                   where: tuple[float, float] = (51.5118, -0.1228)) -> None:
        """``name`` sends a location pin in ``title`` and replies to it with ``command``."""
        neighbors = self.bot.neighbors
        who, chat = neighbors.neighbor(name), neighbors.group(title)
        pin = neighbors.location_payload(who, *where, chat)
        self.act(name, lambda n, _: n.text(who, command, chat=chat, reply_to=pin))

    def edit_message(self, name: str, text: str) -> None:
        """``name`` edits one of their earlier messages to read ``text``."""
        who = self.bot.neighbors.neighbor(name)
        chat = {"id": who.telegram_id, "type": "private", "first_name": who.name.capitalize()}
        message = {"message_id": 1, "date": int(time.time()), "edit_date": int(time.time()),
                   "chat": chat, "from": who.as_user(), "text": text,
                   "entities": [{"type": "bot_command", "offset": 0,
                                 "length": len(text.split()[0])}]}
        self.deliver({"edited_message": message})

    def membership(self, name: str, chat: dict[str, Any], before: str, after: str) -> None:
        """The bot's membership of ``chat`` changed from ``before`` to ``after`` by ``name``."""
        who = self.bot.neighbors.neighbor(name)
        bot_user = self.api.bot_user
        change = {"chat": chat, "from": who.as_user(), "date": int(time.time()),
                  "old_chat_member": _member(bot_user, before),
                  "new_chat_member": _member(bot_user, after)}
        known = self.api.chats.get(chat["id"])
        if known is not None:  # Telegram now lets the bot write there, or not
            known.bot_status = after
        self.deliver({"my_chat_member": change})

    def send_file(self, name: str, data: bytes, mime_type: str) -> None:
        """``name`` sends ``data`` as a file (a document), not as a compressed photo."""
        who = self.bot.neighbors.neighbor(name)
        file_id = self.api.add_file(data)
        document = {"file_id": file_id, "file_unique_id": file_id, "file_name": "dish.jpg",
                    "mime_type": mime_type, "file_size": len(data)}
        self.deliver({"message": {"message_id": self.api.next_message_id(),
                                  "date": int(time.time()), "chat": self.private_chat(name),
                                  "from": who.as_user(), "document": document}})

    def tap_gone(self, name: str, label: str) -> None:
        """``name`` taps ``label`` on a message Telegram no longer has (deleted meanwhile):
        the update then carries an inaccessible message, whose date is 0."""
        neighbors = self.bot.neighbors
        who = neighbors.neighbor(name)
        message, button = neighbors.find_button(who, label)
        message.deleted = True
        gone = {"chat": self.private_chat(name), "message_id": message.message_id, "date": 0}
        self.deliver({"callback_query": {"id": str(next(self._update_ids)),
                                         "from": who.as_user(), "chat_instance": "1",
                                         "data": button["callback_data"], "message": gone}})

    def inline(self, name: str, words: str = "") -> list[dict[str, Any]]:
        """``name`` types "@Bot words" in some chat: the results the bot answered."""
        who = self.bot.neighbors.neighbor(name)
        query_id = self.last_query = str(next(self._update_ids))
        self.deliver({"inline_query": {"id": query_id, "from": who.as_user(), "query": words,
                                       "offset": "", "chat_type": "supergroup"}})
        return self.api.inline.results(query_id)

    def post_card(self, name: str, title: str, words: str = "") -> SentMessage:
        """``name`` types "@Bot words" in the group ``title`` and chooses the first card: it
        appears there, and the bot is told (chosen_inline_result), as Telegram does."""
        results = self.inline(name, words)
        assert results, f"{name} was offered no card for {words!r}"
        who = self.bot.neighbors.neighbor(name)
        card, card_id = self.api.inline.choose(who.telegram_id, self.group_id(title),
                                               self.last_query, str(results[0]["id"]))
        chosen: dict[str, Any] = {"result_id": results[0]["id"], "from": who.as_user(),
                                  "query": words}
        if card_id is not None:
            chosen["inline_message_id"] = card_id
        self.deliver({"chosen_inline_result": chosen})
        return card

    def choose_inline(self, name: str, result_id: str, inline_message_id: str) -> None:
        """``name`` chose result ``result_id``: Telegram posted it as ``inline_message_id``."""
        who = self.bot.neighbors.neighbor(name)
        self.deliver({"chosen_inline_result": {"result_id": result_id, "from": who.as_user(),
                                               "query": "",
                                               "inline_message_id": inline_message_id}})

    def private_chat(self, name: str) -> dict[str, Any]:
        who = self.bot.neighbors.neighbor(name)
        return {"id": who.telegram_id, "type": "private", "first_name": who.name.capitalize()}

    def deliver(self, body: dict[str, Any]) -> None:
        """An update as Telegram would send it (``body`` beside its update_id)."""
        self.mark_read()
        update = Update.de_json({"update_id": next(self._update_ids)} | body, self.bot.app.bot)
        assert update is not None
        self.loop.run_until_complete(self.bot.send(update))

    def wait(self, delta: timedelta) -> None:
        self.mark_read()
        self.loop.run_until_complete(self.bot.wait(delta))

    def restart(self) -> None:
        """A new Application on the same database (and the same Telegram)."""
        self.loop.run_until_complete(self.bot.stop())
        self.replicas[self.active] = self._replica()

    def add_replica(self) -> None:
        self.replicas.append(self._replica())

    def use_replica(self, index: int) -> None:
        self.active = index

    # -- reading -----------------------------------------------------------------------------

    def mark_read(self) -> None:
        self.calls_read = len(self.api.calls)
        self._read = {m.chat_id: m.message_id for m in self.api.sent}
        self._edits = {(m.chat_id, m.message_id): m.edits for m in self.api.sent}

    def news(self, name: str) -> list[SentMessage]:
        """Messages to ``name`` since the last action: new ones and ones edited since."""
        chat = self.chat_id(name)
        edits = getattr(self, "_edits", {})
        return [
            m for m in self.api.messages(chat)
            if m.message_id > self._read.get(chat, 0)
            or m.edits != edits.get((chat, m.message_id), 0)
        ]

    def news_text(self, name: str) -> str:
        return "\n---\n".join(m.shown for m in self.news(name))

    def everything_shown(self) -> list[SentMessage]:
        return [m for m in self.api.sent if not m.deleted]


def _member(user: dict[str, Any], status: str) -> dict[str, Any]:
    member: dict[str, Any] = {"user": user, "status": status}
    if status == "kicked":
        member["until_date"] = 0
    if status == "administrator":
        member.update(can_be_edited=False, is_anonymous=False, can_manage_chat=True,
                      can_delete_messages=True, can_manage_video_chats=False,
                      can_restrict_members=True, can_promote_members=False,
                      can_change_info=False, can_invite_users=True, can_post_stories=False,
                      can_edit_stories=False, can_delete_stories=False)
    return member
