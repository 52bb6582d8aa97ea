"""An offline Bot API: a ``telegram.request.BaseRequest`` that answers the bot locally.

Give it to PTB and nothing touches the network::

    api = OfflineBotApi()
    app = Application.builder().token(OFFLINE_TOKEN).request(api).get_updates_request(api).build()

It answers the methods in ``methods.MethodTable`` (sending, editing and deleting messages,
callback answers, getFile and the download, chat members and administrators, the command menu
and menu button, webhook set-up, getUpdates) and ``offline_inline`` (answerInlineQuery), and
refuses, with Telegram's status and wording, what Telegram refuses (``refusals``, ``chats``).
Any other method raises ``UnknownBotMethod`` (and is kept in ``api.unknown``), so a test can
never silently depend on something the real API would do differently.

What the bot sent:
- ``api.messages(chat_id)``: the chat's messages as they stand now (edits applied, deleted
  ones left out), each a ``SentMessage`` with ``.text``, ``.parse_mode``, ``.shown`` (as a
  client displays it), ``.buttons`` / ``.labels``, ``.photo`` (a file_id) and ``.edits``.
- ``api.inline.results(query_id)``: what the bot answered an inline query (offline_inline.py);
- ``api.calls``: every (method, parameters) in order; ``api.callback_answers``;
  ``api.setup.commands_for(scope, language_code)`` and ``api.setup.menu_button(chat_id)``.
- ``OfflineBotApi(history=N)`` remembers only the newest N of each (and N messages a chat):
  what a long-running server answering offline (``neighborshare bot --offline-bot-api``) uses.
Chats (``api.chats``): a private chat the bot may write to once its user started it
(``api.start(user_id)``; ``neighbors.Neighbors`` does it when a neighbor writes in private);
``api.add_group(title, members)`` makes a supergroup (or group, channel) with the bot in it.
Files: ``api.add_file(data)`` returns a file_id that getFile and the download will serve;
photos the bot uploads are kept the same way (``api.file(file_id)``).
Failures: ``api.rate_limit(chat_id, retry_after=1, times=1)`` answers 429 with retry_after;
``api.block(chat_id)`` answers 403 "bot was blocked by the user" until ``api.unblock``.
"""

from __future__ import annotations

import json
from collections.abc import MutableSequence
from typing import Any

from telegram.request import BaseRequest, RequestData

from neighborshare.adapters.telegram.bot_setup import BotSetup
from neighborshare.adapters.telegram.chats import SUPERGROUP, ChatDirectory, OfflineChat, User
from neighborshare.adapters.telegram.errors import BotApiError, UnknownBotMethod
from neighborshare.adapters.telegram.files import FileStore
from neighborshare.adapters.telegram.methods import MethodTable, OfflineTelegram
from neighborshare.adapters.telegram.offline_inline import InlineAnswers
from neighborshare.adapters.telegram.queries import CallbackQueries
from neighborshare.adapters.telegram.sent import ChatLog, history_log

__all__ = ["BOT_ID", "OFFLINE_TOKEN", "SERVER_HISTORY", "OfflineBotApi", "UnknownBotMethod"]

OFFLINE_TOKEN = "1234567:OFFLINE-neighborshare-bot-token"  # noqa: S105 - not a secret
BOT_ID = 1234567
SERVER_HISTORY = 100  # what a long-running bot answered offline remembers (a server, a bench)


class OfflineBotApi(ChatLog, BaseRequest):
    def __init__(self, username: str = "NeighborShareBot", history: int | None = None,
                 strangers_started: bool = False) -> None:
        """``history``: how many calls, callback answers and messages per chat to remember
        (``ChatLog``); None remembers everything. ``strangers_started``: any user's private chat
        counts as started, for a server answering updates it did not make (``ChatDirectory``)."""
        self.bot_user = {"id": BOT_ID, "is_bot": True, "first_name": "NeighborShare",
                         "username": username}
        self.calls: MutableSequence[tuple[str, dict[str, Any]]] = history_log(history)
        self.callback_answers: MutableSequence[dict[str, Any]] = history_log(history)
        self.unknown: list[str] = []
        ChatLog.__init__(self, history)
        self.chats = ChatDirectory(self.bot_user, strangers_started)
        self.files = FileStore()
        self.queries = CallbackQueries(self.callback_answers)
        self.setup = BotSetup()
        self._table = MethodTable(OfflineTelegram(self, self.chats, self.files, self.queries,
                                                  self.setup))
        self.inline = InlineAnswers(self)  # inline mode (offline_inline.py)
        self._table.add(self.inline.methods())

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
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if method == "GET":
            return 200, self.files.download(url)
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

    def add_file(self, data: bytes) -> str:
        return self.files.add(data)

    def file(self, file_id: str) -> bytes:
        return self.files.data(file_id)

    def start(self, user: User | int) -> OfflineChat:
        """The user started the bot: it may write to them in private from now on."""
        return self.chats.start(user)

    def add_group(self, title: str, members: list[User] | tuple[User, ...] = (),
                  chat_type: str = SUPERGROUP) -> OfflineChat:
        """A group chat with the bot in it; the first member owns it."""
        return self.chats.add_group(title, members, chat_type)

    def upgrade_group(self, chat: OfflineChat) -> OfflineChat:
        """Telegram upgrades the group ``chat`` to a supergroup: a new chat id, the same
        members; the old id answers 400 with migrate_to_chat_id from now on."""
        return self.chats.upgrade(chat)

    def rate_limit(self, chat_id: int, retry_after: int = 1, times: int = 1) -> None:
        self.chats.rate_limit(chat_id, retry_after, times)

    def block(self, chat_id: int) -> None:
        self.chats.block(chat_id)

    def unblock(self, chat_id: int) -> None:
        self.chats.unblock(chat_id)


def _error_body(error: BotApiError) -> bytes:
    body: dict[str, Any] = {"ok": False, "error_code": error.status,
                            "description": error.description}
    if error.retry_after is not None:
        body["parameters"] = {"retry_after": error.retry_after}
    if error.migrate_to_chat_id is not None:
        body["parameters"] = {"migrate_to_chat_id": error.migrate_to_chat_id}
    return json.dumps(body).encode()
