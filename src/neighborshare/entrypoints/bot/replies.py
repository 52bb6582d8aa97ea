"""Answering a neighbor: new messages, and edits of the message whose button was tapped."""

from __future__ import annotations

from collections.abc import Awaitable

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from neighborshare.entrypoints.bot.outgoing import send
from neighborshare.presentation.keyboards import Rows

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def inline(buttons: Rows) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in buttons]
    )


class Replies:
    """Mixed into Turn: every answer is HTML; texts come from presentation/, escaped there.

    Answers go through ``outgoing.send``: held until the update's commit when an update
    processor runs the update, sent at once otherwise.
    """

    update: Update
    chat_id: int

    async def say(
        self, html: str, buttons: Rows = (), keyboard: Markup | None = None,
        photo: str | None = None,
    ) -> None:
        markup = keyboard or inline(buttons)
        bot, chat_id = self.update.get_bot(), self.chat_id
        if photo:
            await send(lambda: bot.send_photo(chat_id, photo, caption=html,
                                              parse_mode=ParseMode.HTML, reply_markup=markup))
            return
        await send(lambda: bot.send_message(chat_id, html, parse_mode=ParseMode.HTML,
                                            reply_markup=markup))

    async def edit(self, html: str | None = None, buttons: Rows = ()) -> None:
        """Change the message whose button was tapped (its text or caption, and its buttons)."""
        query = self.update.callback_query
        message = query.message if query else None
        if not isinstance(message, Message):
            if html:
                await self.say(html, buttons)
            return
        markup = inline(buttons)
        if html is None:
            await send(lambda: _unless_unchanged(message.edit_reply_markup(reply_markup=markup)))
        elif message.photo:
            await send(lambda: _unless_unchanged(
                message.edit_caption(html, parse_mode=ParseMode.HTML, reply_markup=markup)))
        else:
            await send(lambda: _unless_unchanged(
                message.edit_text(html, parse_mode=ParseMode.HTML, reply_markup=markup)))


async def _unless_unchanged(edit: Awaitable[object]) -> None:
    try:
        await edit
    except BadRequest as error:
        if "not modified" not in error.message:  # a double tap: already as wanted
            raise
