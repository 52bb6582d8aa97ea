"""What Telegram refuses of what the bot sends, as the offline Bot API answers it.

Texts and captions are measured after entity parsing (and trimming, as Telegram trims them),
in UTF-16 code units; keyboards by Telegram's sizes; callback data by its bytes.
"""

from __future__ import annotations

from typing import Any

from telegram.constants import (
    InlineKeyboardButtonLimit,
    InlineKeyboardMarkupLimit,
    MessageLimit,
)

from neighborshare.adapters.telegram.entities import Parsed, parse, utf16_length
from neighborshare.adapters.telegram.errors import BotApiError, bad_request

__all__ = ["BotApiError", "caption", "check_html", "check_markup", "check_web_app",
           "message_text", "refuse_no_change"]

NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message")
REPLY_BUTTONS_PER_ROW, REPLY_BUTTONS = 12, 300  # reply keyboards: more than inline ones
_ACTIONS = ("callback_data", "url", "login_url", "switch_inline_query", "web_app", "pay",
            "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
            "callback_game", "copy_text")


def check_html(text: str, parse_mode: object) -> None:
    """Refuse what Telegram's entity parser refuses (``entities.parse``)."""
    parse(text, parse_mode)


def message_text(text: str, parse_mode: object) -> Parsed:
    """A message's text as Telegram keeps it: parsed, trimmed, 1-4096 characters."""
    parsed = _trimmed(parse(text, parse_mode))
    if not parsed.text:
        raise bad_request("message text is empty")
    if utf16_length(parsed.text) > MessageLimit.MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return parsed


def caption(text: str, parse_mode: object) -> Parsed:
    """A caption as Telegram keeps it: parsed, trimmed, at most 1024 characters."""
    parsed = _trimmed(parse(text, parse_mode))
    if utf16_length(parsed.text) > MessageLimit.CAPTION_LENGTH:
        raise bad_request("message caption is too long")
    return parsed


def check_markup(markup: dict[str, Any] | None, private: bool = False) -> None:
    """Keyboard sizes, and every inline button doing one thing (callback data of 1-64 bytes,
    a Mini App over https and only in a private chat)."""
    if not markup:
        return
    inline = "inline_keyboard" in markup
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    per_row, total = ((InlineKeyboardMarkupLimit.BUTTONS_PER_ROW,
                       InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER) if inline
                      else (REPLY_BUTTONS_PER_ROW, REPLY_BUTTONS))
    if any(len(row) > per_row for row in rows) or sum(len(row) for row in rows) > total:
        raise bad_request("reply markup is too long")
    for row in rows:
        for button in row:
            if inline:
                _check_inline_button(button, private)
            elif isinstance(button, dict) and "web_app" in button:  # a reply keyboard's
                _check_web_app_button(button, private, "keyboard button")


def _check_inline_button(button: dict[str, Any], private: bool) -> None:
    if not any(key in button for key in _ACTIONS):
        raise bad_request("text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        size = len(str(button["callback_data"]).encode())
        if not InlineKeyboardButtonLimit.MIN_CALLBACK_DATA <= size <= (
                InlineKeyboardButtonLimit.MAX_CALLBACK_DATA):
            raise bad_request("BUTTON_DATA_INVALID")
    if "web_app" in button:
        _check_web_app_button(button, private, "inline keyboard button")


def _check_web_app_button(button: dict[str, Any], private: bool, what: str) -> None:
    if not private:  # groups and channels get no Mini App buttons
        raise bad_request("BUTTON_TYPE_INVALID")
    check_web_app(button["web_app"], what)


def check_web_app(web_app: object, what: str) -> None:
    """A Mini App is opened over https only (``what``: whose URL, in Telegram's wording)."""
    url = web_app.get("url") if isinstance(web_app, dict) else None
    if not isinstance(url, str) or not url.startswith("https://"):
        raise bad_request(f"{what} Web App URL '{url}' is invalid: Only HTTPS links are allowed")


def refuse_no_change(before: tuple[Parsed, dict[str, Any] | None], after: Parsed,
                     markup: dict[str, Any] | None) -> None:
    """Telegram refuses an edit that changes neither what is shown nor the keyboard."""
    if before[0] == after and (before[1] or None) == (markup or None):
        raise bad_request(NOT_MODIFIED)


def _trimmed(parsed: Parsed) -> Parsed:
    """Telegram drops leading and trailing whitespace (entities move with the text)."""
    stripped = parsed.text.lstrip()
    shift = utf16_length(parsed.text) - utf16_length(stripped)
    text = stripped.rstrip()
    entities = [e for e in parsed.entities if e.offset + e.length > shift]
    for entity in entities:
        entity.offset = max(0, entity.offset - shift)
    return Parsed(text, entities)
