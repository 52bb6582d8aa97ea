"""Answering a neighbor: new messages, and edits of the message whose button was tapped."""

from __future__ import annotations

from typing import Any

from telegram import InputFile, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.constants import ParseMode

from neighborshare.entrypoints.bot.outgoing import ApiCall, send
from neighborshare.ports.services import Button
from neighborshare.presentation.keyboards import Rows

Markup = ReplyKeyboardMarkup | ReplyKeyboardRemove
HTML = ParseMode.HTML.value


def inline(buttons: Rows) -> dict[str, Any] | None:
    """An inline keyboard as the Bot API's JSON (no PTB objects made and unmade per answer)."""
    if not buttons:
        return None
    return {"inline_keyboard": [[_button(b) for b in row] for row in buttons]}


def _button(button: Button) -> dict[str, Any]:
    if button.web_app is not None:  # Telegram allows these in private chats only
        return {"text": str(button.label), "web_app": {"url": button.web_app}}
    return {"text": str(button.label), "callback_data": button.data}


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
        bot, chat_id, html = self.update.get_bot(), self.chat_id, str(html)  # texts are lazy
        if photo:
            await send(ApiCall(bot, "sendPhoto", {"chat_id": chat_id, "photo": photo,
                                                  "caption": html, "parse_mode": HTML,
                                                  "reply_markup": markup}))
            return
        await send(ApiCall(bot, "sendMessage", {"chat_id": chat_id, "text": html,
                                                "parse_mode": HTML, "reply_markup": markup}))

    async def send_file(self, data: bytes, filename: str, caption: str) -> None:
        """A document (sendDocument) named ``filename``, with an HTML caption."""
        params = {"chat_id": self.chat_id, "document": InputFile(data, filename=filename),
                  "caption": str(caption), "parse_mode": HTML}
        await send(ApiCall(self.update.get_bot(), "sendDocument", params))

    async def edit(self, html: str | None = None, buttons: Rows = ()) -> None:
        """Change the message whose button was tapped (its text or caption, and its buttons)."""
        query = self.update.callback_query
        message = query.message if query else None
        # PTB 22 builds a Message even for one Telegram no longer has (deleted, or too old):
        # its date is 0, and is_accessible False. Then answer with a new message instead.
        if not isinstance(message, Message) or not message.is_accessible:
            if html:
                await self.say(html, buttons)
            return
        params: dict[str, Any] = {"chat_id": message.chat_id, "message_id": message.message_id,
                                  "reply_markup": inline(buttons)}
        if html is None:
            method = "editMessageReplyMarkup"
        elif message.photo:
            html = str(html)
            method = "editMessageCaption"
            params.update(caption=html, parse_mode=HTML)
        else:
            method = "editMessageText"
            params.update(text=str(html), parse_mode=HTML)
        await send(ApiCall(message.get_bot(), method, params))  # "not modified" is no error
