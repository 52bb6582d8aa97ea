"""An offline Bot API: a ``telegram.request.BaseRequest`` that answers the bot locally.

Give it to PTB and nothing touches the network::

    api = OfflineBotApi()
    app = Application.builder().token(OFFLINE_TOKEN).request(api).get_updates_request(api).build()

It answers getMe, sendMessage, sendPhoto, editMessageText, editMessageReplyMarkup,
editMessageCaption, answerCallbackQuery, getFile (and the file download), deleteMessage,
sendChatAction, setMyCommands, setWebhook, deleteWebhook, getWebhookInfo and getUpdates.
HTML that Telegram would refuse (unknown tags, bare "&" or "<") gets its 400 "can't parse
entities". Any other method raises ``UnknownBotMethod`` (and is kept in ``api.unknown``), so a
test can never silently depend on something the real API would do differently.

What the bot sent:
- ``api.messages(chat_id)``: the chat's messages as they stand now (edits applied, deleted
  ones left out), each a ``SentMessage`` with ``.text``, ``.parse_mode``, ``.shown`` (as a
  client displays it), ``.buttons`` / ``.labels``, ``.photo`` (a file_id) and ``.edits``.
- ``api.calls``: every (method, parameters) in order; ``api.callback_answers``.
- ``OfflineBotApi(history=N)`` remembers only the newest N of each (and N messages a chat):
  what a long-running server answering offline (``neighborshare bot --offline-bot-api``) uses.
Files: ``api.add_file(data)`` returns a file_id that getFile and the download will serve;
photos the bot uploads are kept the same way (``api.file(file_id)``).
Failures: ``api.rate_limit(chat_id, retry_after=1, times=1)`` answers 429 with retry_after;
``api.block(chat_id)`` answers 403 "bot was blocked by the user" until ``api.unblock``.
"""

from __future__ import annotations

import itertools
import json
import secrets
from collections.abc import MutableSequence
from typing import Any

from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from neighborshare.adapters.telegram.methods import MethodTable
from neighborshare.adapters.telegram.refusals import BotApiError
from neighborshare.adapters.telegram.sent import ChatLog, history_log

OFFLINE_TOKEN = "1234567:OFFLINE-neighborshare-bot-token"  # noqa: S105 - not a secret
BOT_ID = 1234567
SERVER_HISTORY = 100  # what a long-running bot answered offline remembers (a server, a bench)


class UnknownBotMethod(RuntimeError):
    """The bot called a Bot API method the offline API does not implement."""


class OfflineBotApi(ChatLog, BaseRequest):
    def __init__(self, username: str = "NeighborShareBot", history: int | None = None) -> None:
        """``history``: how many calls, callback answers and messages per chat to remember
        (``ChatLog``); None remembers everything."""
        self.bot_user = {"id": BOT_ID, "is_bot": True, "first_name": "NeighborShare",
                         "username": username}
        self.calls: MutableSequence[tuple[str, dict[str, Any]]] = history_log(history)
        self.callback_answers: MutableSequence[dict[str, Any]] = history_log(history)
        self.unknown: list[str] = []
        ChatLog.__init__(self, history)
        self._files: dict[str, bytes] = {}
        self._ids = itertools.count(1)
        self._throttled: dict[int, tuple[int, int]] = {}  # chat -> (retry_after, times left)
        self._blocked: set[int] = set()
        self._table = MethodTable(self)

    # -- BaseRequest ------------------------------------------------------------------------

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if method == "GET":
            return 200, self._download(url)
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if request_data is not None and request_data.contains_files:
            params["_files"] = request_data.multipart_data
        self.calls.append((name, params))
        handler = self._table.get(name)
        if handler is None:
            self.unknown.append(name)
            raise UnknownBotMethod(f"the offline Bot API does not implement {name!r}")
        try:
            result = handler(params)
        except BotApiError as error:
            return error.status, _error_body(error)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # -- what tests and the chat command use -------------------------------------------------

    def next_message_id(self) -> int:
        return next(self._ids)

    def add_file(self, data: bytes) -> str:
        file_id = "F" + secrets.token_hex(8)
        self._files[file_id] = data
        return file_id

    def file(self, file_id: str) -> bytes:
        return self._files[file_id]

    def rate_limit(self, chat_id: int, retry_after: int = 1, times: int = 1) -> None:
        self._throttled[chat_id] = (retry_after, times)

    def block(self, chat_id: int) -> None:
        self._blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self._blocked.discard(chat_id)

    # -- used by the method table ------------------------------------------------------------

    def check_chat(self, chat_id: int) -> None:
        if chat_id in self._blocked:
            raise BotApiError(403, "Forbidden: bot was blocked by the user")
        retry_after, times = self._throttled.get(chat_id, (0, 0))
        if times > 0:
            self._throttled[chat_id] = (retry_after, times - 1)
            raise BotApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)

    def _download(self, url: str) -> bytes:
        file_id = url.rsplit("/", 1)[-1].split(".")[0]
        if file_id not in self._files:
            raise UnknownBotMethod(f"no such offline file: {url!r}")
        return self._files[file_id]


def _error_body(error: BotApiError) -> bytes:
    body: dict[str, Any] = {"ok": False, "error_code": error.status,
                            "description": error.description}
    if error.retry_after is not None:
        body["parameters"] = {"retry_after": error.retry_after}
    return json.dumps(body).encode()
