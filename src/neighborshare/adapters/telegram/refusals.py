"""What Telegram refuses, as the offline Bot API answers it: errors with Telegram's wording."""

from __future__ import annotations

import re
from typing import Any

from neighborshare.adapters.telegram.errors import BotApiError

__all__ = ["BotApiError", "check_html", "refuse_no_change"]


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


def refuse_no_change(before: tuple[str, dict[str, Any] | None], text: str,
                     markup: dict[str, Any] | None) -> None:
    """Telegram refuses an edit that changes nothing: ``before`` is (text, markup) as they are."""
    if before[0] == text and (before[1] or None) == (markup or None):
        raise BotApiError(400, "Bad Request: message is not modified")
