"""The Bot API methods the offline API answers, each turning parameters into a result."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from neighborshare.adapters.telegram.refusals import check_html, refuse_no_change
from neighborshare.adapters.telegram.sent import SentMessage

if TYPE_CHECKING:
    from neighborshare.adapters.telegram.offline import OfflineBotApi


Handler = Callable[[dict[str, Any]], Any]

class MethodTable:
    def __init__(self, api: OfflineBotApi) -> None:
        self._api = api
        self._table: dict[str, Handler] = {
            "getMe": lambda p: api.bot_user,
            "sendMessage": self.send_message,
            "sendPhoto": self.send_photo,
            "editMessageText": self.edit_text,
            "editMessageCaption": self.edit_caption,
            "editMessageReplyMarkup": self.edit_markup,
            "deleteMessage": self.delete,
            "answerCallbackQuery": self.answer_callback,
            "getFile": self.get_file,
            "sendChatAction": lambda p: True,
            "setMyCommands": lambda p: True,
            "setWebhook": lambda p: True,
            "deleteWebhook": lambda p: True,
            "getWebhookInfo": lambda p: {"url": "", "has_custom_certificate": False,
                                         "pending_update_count": 0},
            "getUpdates": lambda p: [],
        }

    def get(self, name: str) -> Handler | None:
        return self._table.get(name)

    def send_message(self, p: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(p["chat_id"])
        self._api.check_chat(chat_id)
        check_html(str(p["text"]), p.get("parse_mode"))
        message = SentMessage(chat_id, self._api.next_message_id(), str(p["text"]),
                              p.get("parse_mode"), _markup(p))
        return self._raw(self._api.keep(message))

    def send_photo(self, p: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(p["chat_id"])
        self._api.check_chat(chat_id)
        photo = p.get("photo")
        if not isinstance(photo, str) or photo.startswith("attach://"):
            photo = self._api.add_file(_uploaded(p))
        check_html(str(p.get("caption", "")), p.get("parse_mode"))
        message = SentMessage(chat_id, self._api.next_message_id(), str(p.get("caption", "")),
                              p.get("parse_mode"), _markup(p), photo=photo)
        return self._raw(self._api.keep(message))

    def edit_text(self, p: dict[str, Any]) -> dict[str, Any]:
        self._api.check_chat(int(p["chat_id"]))
        message = self._api.find(p)
        check_html(str(p["text"]), p.get("parse_mode"))
        refuse_no_change(message, str(p["text"]), _markup(p))
        message.text, message.parse_mode = str(p["text"]), p.get("parse_mode")
        message.reply_markup = _markup(p)
        message.edits += 1
        return self._raw(message)

    def edit_caption(self, p: dict[str, Any]) -> dict[str, Any]:
        self._api.check_chat(int(p["chat_id"]))
        message = self._api.find(p)
        check_html(str(p.get("caption", "")), p.get("parse_mode"))
        refuse_no_change(message, str(p.get("caption", "")), _markup(p))
        message.text, message.parse_mode = str(p.get("caption", "")), p.get("parse_mode")
        message.reply_markup = _markup(p)
        message.edits += 1
        return self._raw(message)

    def edit_markup(self, p: dict[str, Any]) -> dict[str, Any]:
        self._api.check_chat(int(p["chat_id"]))
        message = self._api.find(p)
        refuse_no_change(message, message.text, _markup(p))
        message.reply_markup = _markup(p)
        message.edits += 1
        return self._raw(message)

    def delete(self, p: dict[str, Any]) -> bool:
        self._api.find(p).deleted = True
        return True

    def answer_callback(self, p: dict[str, Any]) -> bool:
        self._api.callback_answers.append(dict(p))
        return True

    def get_file(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = str(p["file_id"])
        data = self._api.file(file_id)
        return {"file_id": file_id, "file_unique_id": file_id, "file_size": len(data),
                "file_path": f"photos/{file_id}.jpg"}

    def _raw(self, message: SentMessage) -> dict[str, Any]:
        raw: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": {"id": message.chat_id, "type": "private"},
            "from": self._api.bot_user,
        }
        if message.photo:
            raw["photo"] = [{"file_id": message.photo, "file_unique_id": message.photo,
                             "width": 1280, "height": 960}]
            raw["caption"] = message.text
        else:
            raw["text"] = message.text
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            raw["reply_markup"] = message.reply_markup
        message.raw = raw
        return raw


def _markup(p: dict[str, Any]) -> dict[str, Any] | None:
    markup = p.get("reply_markup")
    if isinstance(markup, str):  # multipart requests carry it as JSON text
        markup = json.loads(markup)
    return markup if isinstance(markup, dict) else None


def _uploaded(p: dict[str, Any]) -> bytes:
    files = p.get("_files") or {}
    for value in files.values():
        content = value[1] if isinstance(value, tuple) else value
        if isinstance(content, bytes):
            return content
    return secrets.token_bytes(8)  # an upload PTB did not expose: keep a placeholder
