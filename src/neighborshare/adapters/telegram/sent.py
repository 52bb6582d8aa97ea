"""What the offline Bot API remembers about each message the bot sent, and how a client shows it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

_TAG = re.compile(r"<[^>]+>")


def as_shown(text: str, parse_mode: str | None) -> str:
    """The text as a Telegram client displays it: HTML markup applied and removed."""
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
    date: int = 0
    deleted: bool = False
    edits: int = 0
    raw: dict[str, Any] = field(default_factory=dict)  # the Message object returned to PTB

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
