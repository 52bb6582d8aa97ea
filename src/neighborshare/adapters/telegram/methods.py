"""The Bot API methods the offline API answers, each turning parameters into a result."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram.constants import FileSizeLimit

from neighborshare.adapters.telegram.bot_setup import BotSetup
from neighborshare.adapters.telegram.chats import ADMINISTRATOR, OWNER, ChatDirectory, member_json
from neighborshare.adapters.telegram.entities import parse
from neighborshare.adapters.telegram.errors import BotApiError, bad_request
from neighborshare.adapters.telegram.files import FileStore
from neighborshare.adapters.telegram.queries import CallbackQueries
from neighborshare.adapters.telegram.refusals import (
    caption,
    check_markup,
    message_text,
    refuse_no_change,
)
from neighborshare.adapters.telegram.sent import ChatLog, SentMessage

DELETABLE_FOR_S = 48 * 3600  # how long a bot may delete its own message without admin rights

Handler = Callable[[dict[str, Any]], Any]
WEBHOOK_INFO = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}


@dataclass
class OfflineTelegram:
    """What the methods read and change: Telegram's side of the bot's world."""

    log: ChatLog
    chats: ChatDirectory
    files: FileStore
    queries: CallbackQueries
    setup: BotSetup


class MethodTable:
    def __init__(self, telegram: OfflineTelegram) -> None:
        self._t = telegram
        bot_user, setup = telegram.chats.bot_user, telegram.setup
        self._table: dict[str, Handler] = {
            "getMe": lambda p: bot_user,
            "sendMessage": self.send_message,
            "sendPhoto": self.send_photo,
            "sendDocument": self.send_document,
            "editMessageText": self.edit_text,
            "editMessageCaption": self.edit_caption,
            "editMessageReplyMarkup": self.edit_markup,
            "deleteMessage": self.delete,
            "answerCallbackQuery": telegram.queries.answer,
            "getFile": lambda p: telegram.files.get_file(str(p["file_id"])),
            "sendChatAction": lambda p: bool(telegram.chats.check_send(p["chat_id"])),
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "setMyCommands": lambda p: setup.set_commands(
                _json(p, "commands") or [], _json(p, "scope"), str(p.get("language_code", ""))),
            "getMyCommands": lambda p: setup.commands_for(
                _json(p, "scope"), str(p.get("language_code", ""))),
            "deleteMyCommands": lambda p: setup.delete_commands(
                _json(p, "scope"), str(p.get("language_code", ""))),
            "setChatMenuButton": lambda p: setup.set_menu_button(
                _chat_id(p), _json(p, "menu_button")),
            "getChatMenuButton": lambda p: setup.menu_button(_chat_id(p)),
            "setWebhook": lambda p: True,
            "deleteWebhook": lambda p: True,
            "getWebhookInfo": lambda p: WEBHOOK_INFO,
            "getUpdates": lambda p: [],
        }

    def add(self, methods: dict[str, Handler]) -> None:
        """More methods, answered by another module (``offline_inline``)."""
        self._table.update(methods)

    def get(self, name: str) -> Handler | None:
        return self._table.get(name)

    def send_message(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._t.chats.check_send(p["chat_id"])
        message_text(str(p.get("text", "")), p.get("parse_mode"))
        check_markup(_json(p, "reply_markup"), chat.is_private)
        message = SentMessage(chat.id, self._t.log.next_message_id(), str(p["text"]),
                              p.get("parse_mode"), _json(p, "reply_markup"),
                              paid_broadcast=paid_broadcast(p))
        return self._raw(self._t.log.keep(message))

    def send_photo(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._t.chats.check_send(p["chat_id"])
        photo = p.get("photo")
        if not isinstance(photo, str) or photo.startswith("attach://"):
            photo = self._t.files.add(_uploaded(p))
        caption(str(p.get("caption", "")), p.get("parse_mode"))
        check_markup(_json(p, "reply_markup"), chat.is_private)
        message = SentMessage(chat.id, self._t.log.next_message_id(), str(p.get("caption", "")),
                              p.get("parse_mode"), _json(p, "reply_markup"), photo=photo,
                              paid_broadcast=paid_broadcast(p))
        return self._raw(self._t.log.keep(message))

    def send_document(self, p: dict[str, Any]) -> dict[str, Any]:
        """A file as Telegram keeps one: uploaded (non-empty, at most 50 MB, named by the
        upload's filename) or a file_id it knows; with a caption like a photo's."""
        chat = self._t.chats.check_send(p["chat_id"])
        document = p.get("document")
        if isinstance(document, str) and not document.startswith("attach://"):
            if not self._t.files.knows(document):
                raise bad_request("wrong file identifier/HTTP URL specified")
            sent = {"file_id": document, "file_unique_id": document}
        else:
            sent = self._uploaded_document(_upload(p))
        caption(str(p.get("caption", "")), p.get("parse_mode"))
        check_markup(_json(p, "reply_markup"), chat.is_private)
        message = SentMessage(chat.id, self._t.log.next_message_id(), str(p.get("caption", "")),
                              p.get("parse_mode"), _json(p, "reply_markup"), document=sent)
        return self._raw(self._t.log.keep(message))

    def _uploaded_document(self, upload: tuple[str, bytes, str]) -> dict[str, Any]:
        filename, data, mime_type = upload
        if not data:
            raise bad_request("file must be non-empty")
        if len(data) > FileSizeLimit.FILESIZE_UPLOAD:
            raise BotApiError(413, "Request Entity Too Large")
        file_id = self._t.files.add(data)
        return {"file_id": file_id, "file_unique_id": file_id, "file_name": filename,
                "mime_type": mime_type, "file_size": len(data)}

    def edit_text(self, p: dict[str, Any]) -> dict[str, Any] | bool:
        return self._edit(p, str(p.get("text", "")), media=False)

    def edit_caption(self, p: dict[str, Any]) -> dict[str, Any] | bool:
        return self._edit(p, str(p.get("caption", "")), media=True)

    def edit_markup(self, p: dict[str, Any]) -> dict[str, Any] | bool:
        private = self._check_editable(p)
        message, markup = self._t.log.find(p), _json(p, "reply_markup")
        check_markup(markup, private)
        shown = parse(message.text, message.parse_mode)
        refuse_no_change((shown, message.reply_markup), shown, markup)
        message.reply_markup = markup
        message.edits += 1
        return self._edited(p, message)

    def _check_editable(self, p: dict[str, Any]) -> bool:
        """A message the bot sent is edited in a chat it may write to; a card posted with
        inline mode (``inline_message_id``) wherever it is, and never with a reply keyboard.
        True if it is in the bot's private chat with a user (where web_app buttons may be)."""
        if p.get("inline_message_id"):
            markup = _json(p, "reply_markup")
            if markup is not None and "inline_keyboard" not in markup:
                raise bad_request("REPLY_MARKUP_INVALID")
            return False
        return self._t.chats.check_send(p["chat_id"]).is_private

    def _edited(self, p: dict[str, Any], message: SentMessage) -> dict[str, Any] | bool:
        """Telegram answers an edit of an inline message with True, of a chat's message with
        the message."""
        return True if p.get("inline_message_id") else self._raw(message)

    def _edit(self, p: dict[str, Any], text: str, media: bool) -> dict[str, Any] | bool:
        private = self._check_editable(p)
        message = self._t.log.find(p)
        if media != bool(message.photo):
            raise bad_request("there is no caption in the message to edit" if media
                              else "there is no text in the message to edit")
        kept_as = caption if media else message_text
        parsed = kept_as(text, p.get("parse_mode"))
        check_markup(_json(p, "reply_markup"), private)
        before = kept_as(message.text, message.parse_mode)
        refuse_no_change((before, message.reply_markup), parsed, _json(p, "reply_markup"))
        message.text, message.parse_mode = text, p.get("parse_mode")
        message.reply_markup = _json(p, "reply_markup")
        message.edits += 1
        return self._edited(p, message)

    def delete(self, p: dict[str, Any]) -> bool:
        """As Telegram: a bot deletes a message of a private chat, or its own in a group, up
        to 48 hours old; as a group's administrator, anyone's at any age (deleteMessage)."""
        message = self._t.log.find(p, action="delete")
        chat = self._t.chats.get(message.chat_id)
        group = chat is not None and not chat.is_private
        admin = group and chat is not None and chat.bot_status == ADMINISTRATOR
        someone_elses = group and message.sender_id is not None
        if not admin and (someone_elses or time.time() - message.date > DELETABLE_FOR_S):
            raise bad_request("message can't be deleted")
        message.deleted = True
        return True

    def get_chat_member(self, p: dict[str, Any]) -> dict[str, Any]:
        chats = self._t.chats
        chat, user_id = chats.chat(p["chat_id"]), int(p["user_id"])
        return member_json(chats.users.get(user_id) or {}, chats.status(chat, user_id))

    def get_chat_administrators(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        chats = self._t.chats
        chat = chats.chat(p["chat_id"])
        if chat.is_private:
            raise bad_request("there are no administrators in the private chat")
        admins = [(chats.users[uid], s) for uid, s in chat.members.items()
                  if s in (OWNER, ADMINISTRATOR)]
        if chat.bot_status == ADMINISTRATOR:
            admins.append((chats.bot_user, ADMINISTRATOR))
        return [member_json(user, status) for user, status in admins]

    def _raw(self, message: SentMessage) -> dict[str, Any]:
        chat = self._t.chats.get(message.chat_id)
        raw: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": chat.as_chat() if chat else {"id": message.chat_id, "type": "private"},
            "from": self._t.chats.bot_user,
        }
        if message.document is not None:
            raw["document"] = message.document
            raw["caption"] = message.text
        elif message.photo:
            raw["photo"] = [{"file_id": message.photo, "file_unique_id": message.photo,
                             "width": 1280, "height": 960}]
            raw["caption"] = message.text
        else:
            raw["text"] = message.text
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            raw["reply_markup"] = message.reply_markup
        message.raw = raw
        return raw


def _json(p: dict[str, Any], key: str) -> Any:
    """A parameter holding an object: PTB sends those as JSON text."""
    value = p.get(key)
    if isinstance(value, str):
        value = json.loads(value)
    return value if isinstance(value, dict | list) else None


def _chat_id(p: dict[str, Any]) -> int | None:
    return int(p["chat_id"]) if p.get("chat_id") is not None else None


def _upload(p: dict[str, Any]) -> tuple[str, bytes, str]:
    """The one file a multipart request carried: its filename, content and MIME type."""
    for value in (p.get("_files") or {}).values():
        if isinstance(value, tuple) and isinstance(value[1], bytes):
            name, content, *rest = value
            return str(name), content, str(rest[0]) if rest else "application/octet-stream"
    raise bad_request("there is no document in the request")


def _uploaded(p: dict[str, Any]) -> bytes:
    files = p.get("_files") or {}
    for value in files.values():
        content = value[1] if isinstance(value, tuple) else value
        if isinstance(content, bytes):
            return content
    return secrets.token_bytes(8)  # an upload PTB did not expose: keep a placeholder


def paid_broadcast(p: dict[str, Any]) -> bool:
    """``allow_paid_broadcast`` as Telegram reads a Boolean parameter: true or false (JSON or
    form text); anything else is refused."""
    value = p.get("allow_paid_broadcast", False)
    if isinstance(value, str):
        value = {"true": True, "false": False}.get(value.lower(), value)
    if not isinstance(value, bool):
        raise bad_request("can't parse allow_paid_broadcast as Boolean")
    return value
