"""The updates a neighbor's Telegram client would send to the bot, for the offline Bot API.

``OfflineNeighbors(api, bot)`` makes ``telegram.Update`` objects: ``text``, ``contact``,
``location``, ``photo`` and ``tap`` (press a button on the newest message that has it).
``OfflinePayloads(api)`` makes the same updates as the JSON bodies Telegram would POST to a
webhook (what the update processor takes), without building PTB objects on the way.
Each neighbor is known by a name; their Telegram id and made-up phone number are stable.

A neighbor writing in private has started the bot (the bot may answer). In a group:
``group("hall", [names])`` makes (or finds) the supergroup, and ``text(who, "hi", chat=hall)``
or ``tap(who, label, chat=hall)`` act there. ``my_chat_member`` updates: ``add_bot(who, chat)``,
``remove_bot(who, chat)``, ``block_bot(who)`` and ``unblock_bot(who)`` change what the offline
API lets the bot do, as Telegram would, and return the update Telegram sends about it.
"""

from __future__ import annotations

import itertools
import time
import zlib
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qs, urlparse

from telegram import Bot, Update

from neighborshare.adapters.telegram.chats import (
    BANNED,
    GROUP,
    LEFT,
    MEMBER,
    OfflineChat,
    member_json,
)
from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.adapters.telegram.sent import SentMessage

T = TypeVar("T")
Payload = dict[str, Any]


class NoSuchButton(LookupError):
    """No message to this neighbor has a button with that label."""


@dataclass(frozen=True, slots=True)
class Neighbor:
    name: str
    telegram_id: int
    language_code: str | None = None  # what their Telegram app says (User.language_code)

    @property
    def phone(self) -> str:
        """A stable made-up number in the UK's range reserved for drama (+44 7700 900xxx)."""
        return f"+447700900{self.telegram_id % 1000:03d}"

    def as_user(self) -> dict[str, Any]:
        user = {"id": self.telegram_id, "is_bot": False, "first_name": self.name.capitalize()}
        return user | ({"language_code": self.language_code} if self.language_code else {})


def normalized(label: str) -> str:
    """A label as a script may write it: case-insensitive, emoji and symbols left out."""
    kept = "".join(c for c in label if c.isalnum() or c.isspace() or c in "-:.,'")
    return " ".join(kept.lower().split())


class Neighbors(Generic[T]):
    """Neighbors and what they send; ``_make`` turns a JSON update body into the result."""

    def __init__(self, api: OfflineBotApi) -> None:
        self.api = api
        self._api = api
        self._update_ids = itertools.count(1)
        self._known: dict[str, Neighbor] = {}

    def neighbor(self, name: str) -> Neighbor:
        key = name.lower()
        if key not in self._known:
            used = {n.telegram_id for n in self._known.values()}
            telegram_id = 100_000_000 + zlib.crc32(key.encode()) % 900_000_000
            while telegram_id in used:
                telegram_id += 1
            self._known[key] = Neighbor(key, telegram_id)
        return self._known[key]

    def speak(self, name: str, language_code: str | None) -> Neighbor:
        """From now on ``name``'s Telegram app says ``language_code`` ("de", "uk", "pt-BR")."""
        who = replace(self.neighbor(name), language_code=language_code or None)
        self._known[who.name] = who
        return who

    def known(self) -> list[Neighbor]:
        return list(self._known.values())

    def group(self, title: str, members: list[str] | tuple[str, ...] = (),
              chat_type: str = "supergroup") -> OfflineChat:
        """The group called ``title``, ``members`` in it: made on first use (the first member owns
        it, the bot is in it), else they join."""
        users = [self.neighbor(name).as_user() for name in members]
        chat = self._api.chats.group(title)
        if chat is None:
            return self._api.add_group(title, users, chat_type)
        for user in users:
            self._api.chats.join(chat, user)
        return chat

    def text(self, who: Neighbor, text: str, chat: OfflineChat | None = None,
             reply_to: dict[str, Any] | None = None) -> T:
        """``reply_to``: the message (as ``message_payload`` made it) this one replies to."""
        extra: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            extra["reply_to_message"] = reply_to
        return self._message(who, extra, chat)

    def location_payload(self, who: Neighbor, latitude: float, longitude: float,
                         chat: OfflineChat) -> dict[str, Any]:
        """A location pin ``who`` sent in the group ``chat``, as a message to reply to. With
        privacy mode on, Telegram does not send the bot a group's pins themselves."""
        self._api.chats.join(chat, who.as_user())
        return {"message_id": self._api.next_message_id(), "date": int(time.time()),
                "chat": chat.as_chat(), "from": who.as_user(),
                "location": {"latitude": latitude, "longitude": longitude}}

    def contact(self, who: Neighbor, phone: str | None = None, own: bool = True,
                chat: OfflineChat | None = None) -> T:
        contact: dict[str, Any] = {"phone_number": phone or who.phone,
                                   "first_name": who.name.capitalize()}
        if own:
            contact["user_id"] = who.telegram_id
        return self._message(who, {"contact": contact}, chat)

    def location(self, who: Neighbor, latitude: float, longitude: float,
                 chat: OfflineChat | None = None) -> T:
        where = {"latitude": latitude, "longitude": longitude}
        return self._message(who, {"location": where}, chat)

    def photo(self, who: Neighbor, data: bytes, width: int = 1280, height: int = 960,
              chat: OfflineChat | None = None) -> T:
        file_id = self._api.add_file(data)
        sizes = [
            {"file_id": file_id, "file_unique_id": file_id, "width": width, "height": height,
             "file_size": len(data)},
        ]
        return self._message(who, {"photo": sizes}, chat)

    def tap(self, who: Neighbor, label: str, chat: OfflineChat | None = None) -> T:
        """A press: callback data goes to the bot; a deep link into the bot's private chat
        (t.me/<bot>?start=X) opens it, where the client sends "/start X", as Telegram does."""
        message, button = self.find_button(who, label, chat)
        if button.get("url"):
            return self.text(who, self.deep_link(str(button["url"])))
        if message.is_inline:
            return self.callback(who, message, button["callback_data"])
        if button.get("request_contact"):
            return self.contact(who, chat=chat)
        return self.text(who, button["text"], chat)

    def deep_link(self, url: str) -> str:
        """What opening ``url`` sends in the private chat: "/start PAYLOAD" (or "/start")."""
        link = urlparse(url)
        name = str(self._api.bot_user["username"])
        if link.netloc != "t.me" or link.path.strip("/").lower() != name.lower():
            raise NoSuchButton(f"the button opens {url}, outside this bot's chats")
        start = parse_qs(link.query).get("start", [""])[0]
        return f"/start {start}" if start else "/start"

    def inline_query(self, who: Neighbor, words: str, chat: OfflineChat | None = None
                     ) -> tuple[str, T]:
        """``who`` types "@Bot WORDS" in ``chat`` (else their private chat): the query id and
        the inline_query update."""
        query_id = str(next(self._update_ids))
        chat_type = "sender" if chat is None else chat.type
        query = {"id": query_id, "from": who.as_user(), "query": words, "offset": "",
                 "chat_type": chat_type}
        return query_id, self._update({"inline_query": query})

    def chosen_inline(self, who: Neighbor, query_id: str, words: str,
                      chat: OfflineChat | None = None) -> tuple[SentMessage, T]:
        """``who`` chooses the first result the bot answered ``query_id`` with: Telegram posts
        it into ``chat`` (else the private chat) and tells the bot (chosen_inline_result)."""
        results = self._api.inline.results(query_id)
        if not results:
            raise NoSuchButton(f"the bot offered {who.name} no inline result for {words!r}")
        chat_id = who.telegram_id if chat is None else chat.id
        result_id = str(results[0]["id"])
        card, card_id = self._api.inline.choose(who.telegram_id, chat_id, query_id, result_id)
        chosen: dict[str, Any] = {"result_id": result_id, "from": who.as_user(), "query": words}
        if card_id is not None:
            chosen["inline_message_id"] = card_id
        return card, self._update({"chosen_inline_result": chosen})

    def callback(self, who: Neighbor, message: SentMessage, data: str) -> T:
        """A tap on an inline button of ``message`` carrying ``data``."""
        query_id = str(next(self._update_ids))
        self._api.queries.raised(query_id)  # the bot may answer it once
        query = {"id": query_id, "from": who.as_user(),
                 "chat_instance": str(message.chat_id), "data": data, "message": message.raw}
        return self._update({"callback_query": query})

    # -- the bot's membership of a chat (my_chat_member) -------------------------------------

    def add_bot(self, who: Neighbor, chat: OfflineChat) -> T:
        """``who`` adds the bot to the group ``chat`` (they join it too, if they had not)."""
        self._api.chats.join(chat, who.as_user())
        return self._membership(who, chat, MEMBER)

    def remove_bot(self, who: Neighbor, chat: OfflineChat) -> T:
        """``who`` removes the bot: a group forgets it (left), a supergroup bans it (kicked)."""
        return self._membership(who, chat, LEFT if chat.type == GROUP else BANNED)

    def block_bot(self, who: Neighbor) -> T:
        """``who`` blocks the bot: Telegram refuses every message to them with a 403."""
        return self._membership(who, self._api.chats.private(who.as_user()), BANNED)

    def unblock_bot(self, who: Neighbor) -> T:
        """``who`` unblocks the bot (Restart): it may write to them again."""
        chat = self._api.start(who.as_user())
        return self._membership(who, chat, MEMBER)

    def _membership(self, who: Neighbor, chat: OfflineChat, status: str) -> T:
        old = chat.bot_status
        chat.bot_status = status
        bot = self._api.bot_user
        change = {"chat": chat.as_chat(), "from": who.as_user(), "date": int(time.time()),
                  "old_chat_member": member_json(bot, old),
                  "new_chat_member": member_json(bot, status)}
        return self._update({"my_chat_member": change})

    def find_button(self, who: Neighbor, label: str,
                    chat: OfflineChat | None = None) -> tuple[SentMessage, dict[str, Any]]:
        wanted = normalized(label)
        chat_id = who.telegram_id if chat is None else chat.id
        for exact in (True, False):  # "Keep my number" also finds "Keep my number (…12)"
            for message in reversed(self._api.messages(chat_id)):
                for row in message.buttons:
                    for button in row:
                        text = normalized(button["text"])
                        if text == wanted or (not exact and wanted and text.startswith(wanted)):
                            return message, button
        raise NoSuchButton(f"no message to {who.name} has a button labelled {label!r}")

    def _message(self, who: Neighbor, extra: dict[str, Any],
                 chat: OfflineChat | None = None) -> T:
        if chat is None:  # a neighbor can only write to the bot in private once they started it
            chat = self._api.start(who.as_user())
        else:
            self._api.chats.join(chat, who.as_user())
        message = {"message_id": self._api.next_message_id(), "date": int(time.time()),
                   "chat": chat.as_chat(), "from": who.as_user()} | extra
        return self._update({"message": message})

    def _update(self, body: Payload) -> T:
        return self._make({"update_id": next(self._update_ids)} | body)

    def _make(self, payload: Payload) -> T:
        raise NotImplementedError


class OfflineNeighbors(Neighbors[Update]):
    """Updates as PTB objects, for ``Application.process_update``."""

    def __init__(self, api: OfflineBotApi, bot: Bot) -> None:
        super().__init__(api)
        self._bot = bot

    def _make(self, payload: Payload) -> Update:
        update = Update.de_json(payload, self._bot)
        assert update is not None
        return update


class OfflinePayloads(Neighbors[Payload]):
    """Updates as the JSON bodies Telegram POSTs, for the update processor and webhook."""

    def _make(self, payload: Payload) -> Payload:
        return payload
