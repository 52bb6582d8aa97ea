"""What Telegram refuses, as the offline Bot API answers it: errors with Telegram's wording."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from neighborshare.adapters.telegram.sent import SentMessage


class BotApiError(Exception):
    """An injected or detected failure, turned into Telegram's error response."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


_TAGS = re.compile(r"</?([a-zA-Z-]+)(?:\s[^>]*)?>")
_BARE_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);)")
_ALLOWED = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
            "span", "tg-spoiler", "tg-emoji", "blockquote"}


def check_html(text: str, parse_mode: object) -> None:
    """Refuse what Telegram refuses: unknown tags, stray '<' and bare '&' in HTML mode."""
    if str(parse_mode or "").upper() != "HTML":
        return
    unknown = [t for t in _TAGS.findall(text) if t.lower() not in _ALLOWED]
    outside_tags = _TAGS.sub("", text)
    stray = "<" in outside_tags or ">" in outside_tags
    if unknown or stray or _BARE_AMPERSAND.search(text):
        raise BotApiError(400, "Bad Request: can't parse entities")


def refuse_no_change(message: SentMessage, text: str, markup: dict[str, Any] | None) -> None:
    """Telegram refuses an edit that changes nothing."""
    if message.text == text and (message.reply_markup or None) == (markup or None):
        raise BotApiError(400, "Bad Request: message is not modified")
