"""Sending one OutgoingMessage through PTB's Bot: the part every notifier shares."""

from __future__ import annotations

import warnings

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import RetryAfter
from telegram.warnings import PTBDeprecationWarning

from neighborshare.ports.services import OutgoingMessage


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
