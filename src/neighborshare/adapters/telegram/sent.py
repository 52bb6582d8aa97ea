"""What the offline Bot API remembers of each chat, and how a Telegram client shows a message."""

from __future__ import annotations

import html
import itertools
import re
import time
from collections import deque
from collections.abc import MutableSequence
from dataclasses import dataclass, field
from typing import Any

from neighborshare.adapters.telegram.entities import parse
from neighborshare.adapters.telegram.errors import BotApiError, bad_request

_TAG = re.compile(r"<[^>]+>")


def as_shown(text: str, parse_mode: str | None) -> str:
    """The text as a Telegram client displays it: HTML markup applied and removed, trimmed."""
    try:
        return parse(text, parse_mode).text.strip()
    except BotApiError:  # kept without being sent (a test's own message): as it comes
        if parse_mode and parse_mode.upper() == "HTML":
            return html.unescape(_TAG.sub("", text))
        return text


@dataclass
class SentMessage:
    """One message in a chat, as it stands now (edits applied; ``deleted`` once removed)."""

    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    photo: str | None = None  # the file_id shown with the message
    document: dict[str, Any] | None = None  # a file sent as such: the Bot API's Document
    date: int = 0
    deleted: bool = False
    edits: int = 0
    raw: dict[str, Any] = field(default_factory=dict)  # the Message object returned to PTB
    inline_message_id: str | None = None  # a card a user posted with inline mode ("via bot")
    sender_id: int | None = None  # who posted it, when not the bot (an inline card)
    paid_broadcast: bool = False  # sent with allow_paid_broadcast (charged, past 30/s)

    @property
    def shown(self) -> str:
        return as_shown(self.text, self.parse_mode)

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        """Rows of buttons: inline (``callback_data``) or reply-keyboard (``request_contact``)."""
        markup = self.reply_markup or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        return [[_button(b) for b in row] for row in rows]

    @property
    def labels(self) -> list[list[str]]:
        return [[b["text"] for b in row] for row in self.buttons]

    @property
    def is_inline(self) -> bool:
        return bool((self.reply_markup or {}).get("inline_keyboard"))


def _button(button: Any) -> dict[str, Any]:
    return {"text": button} if isinstance(button, str) else dict(button)


def history_log(history: int | None) -> MutableSequence[Any]:
    """A list remembering everything, or (``history``) only the newest ``history`` entries."""
    return [] if history is None else deque(maxlen=history)


class ChatLog:
    """Every message the bot sent, by chat, as it stands now.

    ``history``: remember only the newest ``history`` messages of each chat, and of ``sent``
    (an older one is then "not found", as Telegram says of a message it can no longer edit).
    None, for tests and the chat command: all of them. A long-running server bounds it, or
    its memory, and the time each full garbage collection takes, grows with every answer."""

    def __init__(self, history: int | None = None) -> None:
        self._history = history
        self.sent: MutableSequence[SentMessage] = history_log(history)
        self._by_id: dict[tuple[int, int], SentMessage] = {}
        self._by_chat: dict[int, list[SentMessage]] = {}
        self._by_inline_id: dict[str, SentMessage] = {}
        self._message_ids = itertools.count(1)

    def next_message_id(self) -> int:
        return next(self._message_ids)

    def messages(self, chat_id: int) -> list[SentMessage]:
        return [m for m in self._by_chat.get(chat_id, []) if not m.deleted]

    def last(self, chat_id: int) -> SentMessage:
        return self.messages(chat_id)[-1]

    def message(self, chat_id: int, message_id: int) -> SentMessage:
        return self._by_id[(chat_id, message_id)]

    def keep(self, message: SentMessage) -> SentMessage:
        message.date = int(time.time())
        self.sent.append(message)
        self._by_id[(message.chat_id, message.message_id)] = message
        if message.inline_message_id is not None:
            self._by_inline_id[message.inline_message_id] = message
        chat = self._by_chat.setdefault(message.chat_id, [])
        chat.append(message)
        if self._history is not None and len(chat) > self._history:
            oldest = chat.pop(0)
            del self._by_id[(oldest.chat_id, oldest.message_id)]
            self._by_inline_id.pop(oldest.inline_message_id or "", None)
        return message

    def inline_message(self, inline_message_id: str) -> SentMessage:
        """The card posted as ``inline_message_id``; Telegram's 400 if it is unknown or gone."""
        message = self._by_inline_id.get(inline_message_id)
        if message is None or message.deleted:
            raise bad_request("MESSAGE_ID_INVALID")
        return message

    def find(self, params: dict[str, Any], action: str = "edit") -> SentMessage:
        """The message an edit (or a delete) names; Telegram's 400 if there is none."""
        if params.get("inline_message_id") and action == "edit":
            return self.inline_message(str(params["inline_message_id"]))
        if params.get("chat_id") is None or params.get("message_id") is None:
            raise bad_request("message identifier is not specified")
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self._by_id or self._by_id[key].deleted:
            raise bad_request(f"message to {action} not found")
        return self._by_id[key]
