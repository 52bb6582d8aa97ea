"""Sending one OutgoingMessage through PTB's Bot: the part every notifier shares."""

from __future__ import annotations

import logging
import warnings
from dataclasses import replace

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from neighborshare.ports.services import Delivery, OutgoingMessage, SendRefused

log = logging.getLogger(__name__)


async def deliver(bot: Bot, message: OutgoingMessage) -> None:
    """A photo with the text as its caption, or a text message; HTML, with its buttons."""
    markup = keyboard(message)
    if message.photo:
        await bot.send_photo(
            message.chat_id, message.photo, caption=message.html,
            parse_mode=ParseMode.HTML, reply_markup=markup,
        )
    else:
        await bot.send_message(
            message.chat_id, message.html, parse_mode=ParseMode.HTML, reply_markup=markup
        )


def after_bad_request(error: BadRequest, message: OutgoingMessage) -> OutgoingMessage | Delivery:
    """What a 400 means: the chat is gone (BLOCKED); a photo was refused (the same text
    without it, to send next); else the message is refused for good (SendRefused raised)."""
    if "chat not found" in error.message.lower():
        return Delivery.BLOCKED
    if message.photo:
        log.warning("a photo was refused (%s); the text goes alone", error.message)
        return replace(message, photo=None)
    raise SendRefused(error.message) from error


def keyboard(message: OutgoingMessage) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
         for row in message.buttons]
    )


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the type will become a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after: object = error.retry_after
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else float(str(retry_after))
