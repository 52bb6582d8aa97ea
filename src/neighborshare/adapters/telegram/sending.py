"""Sending one OutgoingMessage through PTB's Bot: the part every notifier shares.

A message with an ``inline_message_id`` is an edit of a card posted with inline mode: its
caption when the card has a photo, else its text (the other one if Telegram says the card has
none); Telegram answering that nothing changed counts as done, and a card deleted meanwhile is
GONE.
A group upgraded to a supergroup (Telegram's migrate_to_chat_id) is, under its old id, a chat
the bot can no longer write to: Forbidden, as if the bot had been removed.
"""

from __future__ import annotations

import json
import logging
import warnings
from dataclasses import replace
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from neighborshare.ports.services import Button, Delivery, OutgoingMessage, SendRefused

log = logging.getLogger(__name__)


# what Telegram answers an edit of an inline message that no longer exists
GONE_MESSAGES = ("message to edit not found", "message_id_invalid", "message can't be edited")
NOT_MODIFIED = "message is not modified"
WRONG_KIND = ("there is no caption in the message to edit",
              "there is no text in the message to edit")


async def deliver(bot: Bot, message: OutgoingMessage, paid: bool = False) -> None:
    """A photo with the text as its caption, or a text message; HTML, with its buttons;
    ``paid``: with Telegram's paid broadcast."""
    if message.call:
        await _replayed(bot, *message.call)
        return
    try:
        await _sent(bot, message, paid)
    except ChatMigrated as moved:  # the old group's id no longer takes messages
        raise Forbidden(f"group chat was upgraded to supergroup {moved.new_chat_id}") from moved


async def _sent(bot: Bot, message: OutgoingMessage, paid: bool) -> None:
    markup = keyboard(message, bot)
    if message.delete and message.edit_message_id and await _deleted(bot, message):
        return
    if message.is_edit:
        await edit_card(bot, message, markup)
        return
    if message.photo:
        sent = await bot.send_photo(
            message.chat_id, message.photo, caption=message.html,
            parse_mode=ParseMode.HTML, reply_markup=markup, allow_paid_broadcast=paid or None,
        )
    else:
        sent = await bot.send_message(
            message.chat_id, message.html, parse_mode=ParseMode.HTML, reply_markup=markup,
            allow_paid_broadcast=paid or None,
        )
    if message.on_sent is not None:
        message.on_sent(sent.message_id)


async def _deleted(bot: Bot, message: OutgoingMessage) -> bool:
    """Delete a group's card (its photo with it); False where Telegram refuses (older than
    48 hours, say), and the card is edited instead."""
    try:
        await bot.delete_message(message.chat_id, int(message.edit_message_id or 0))
    except BadRequest as error:
        log.info("a card could not be deleted (%s); it is edited instead", error.message)
        return False
    return True


async def _replayed(bot: Bot, method: str, params: str) -> None:
    """A reply handed to the outbox, made as the bot would have made it then."""
    try:
        await bot.do_api_request(method, api_kwargs=json.loads(params))
    except BadRequest as error:
        if NOT_MODIFIED not in error.message.lower():
            raise


async def edit_card(
    bot: Bot, message: OutgoingMessage, markup: InlineKeyboardMarkup | None
) -> None:
    """Edit a card in place: its caption (photo) or text, with its buttons (none: removed);
    an inline card by its inline_message_id, a group's card by chat and message id."""
    where: dict[str, Any] = (
        {"inline_message_id": message.inline_message_id} if message.inline_message_id
        else {"chat_id": message.chat_id, "message_id": message.edit_message_id})
    with_caption = bool(message.photo)
    for _ in range(2):
        try:
            if with_caption:
                await bot.edit_message_caption(caption=message.html, parse_mode=ParseMode.HTML,
                                               reply_markup=markup, **where)
            else:
                await bot.edit_message_text(message.html, parse_mode=ParseMode.HTML,
                                            reply_markup=markup, **where)
            return
        except BadRequest as error:
            if not any(wrong in error.message.lower() for wrong in WRONG_KIND):
                raise
            with_caption = not with_caption  # the card was posted the other way
    raise BadRequest("the card has neither a text nor a caption to edit")


def after_bad_request(error: BadRequest, message: OutgoingMessage) -> OutgoingMessage | Delivery:
    """What a 400 means: the chat is gone (BLOCKED); a photo was refused (the same text
    without it, to send next); else the message is refused for good (SendRefused raised).
    For a card's edit: nothing to change (SENT), the card deleted (GONE)."""
    reason = error.message.lower()
    if message.is_edit:
        if NOT_MODIFIED in reason:
            return Delivery.SENT
        if any(gone in reason for gone in GONE_MESSAGES):
            return Delivery.GONE
        raise SendRefused(error.message) from error
    if "chat not found" in reason:
        return Delivery.BLOCKED
    if message.photo:
        log.warning("a photo was refused (%s); the text goes alone", error.message)
        return replace(message, photo=None)
    raise SendRefused(error.message) from error


def keyboard(message: OutgoingMessage, bot: Bot) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup([[_button(b, bot) for b in row] for row in message.buttons])


def _button(button: Button, bot: Bot) -> InlineKeyboardButton:
    """A callback button, or a deep link into the private chat (t.me/<bot>?start=...)."""
    if button.start is not None:
        return InlineKeyboardButton(button.label,
                                    url=f"https://t.me/{bot.username}?start={button.start}")
    return InlineKeyboardButton(button.label, callback_data=button.data)


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the type will become a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after: object = error.retry_after
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else float(str(retry_after))
