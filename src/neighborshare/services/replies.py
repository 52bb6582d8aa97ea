"""Replies Telegram asked to wait long for (429 with a long ``retry_after``), handed to the
outbox as rows of kind "reply" (class REPLY): a worker makes them when Telegram allows, even
if the bot process that answered stops meanwhile. The answer was rendered already; a row holds
its Bot API method and parameters, and is made as it is."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from neighborshare.domain.records import OutboxMessage
from neighborshare.domain.sending import REPLY_KIND
from neighborshare.ports.services import Clock, OutgoingMessage
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.transactions import in_transaction, notify

ReplyCall = tuple[str, dict[str, Any]]  # a Bot API method and its JSON-ready parameters


class ReplyHandoff:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow_factory, clock

    def hand_over(self, chat_id: int, calls: Sequence[ReplyCall], wait_s: float) -> bool:
        """Queue ``calls`` to ``chat_id`` (a neighbor's private chat) for after ``wait_s``, a
        second apart to keep their order; False (nothing queued) for a chat that is no
        neighbor's."""

        def work(uow: UnitOfWork) -> bool:
            user = uow.users.get_by_telegram_id(chat_id)
            if user is None or user.id is None:
                return False
            now, handoff = self._clock.now(), uuid.uuid4().hex
            for index, (method, params) in enumerate(calls):
                notify(uow, user.id, REPLY_KIND,
                       {"chat_id": chat_id, "method": method, "params": params}, now,
                       f"reply:{handoff}:{index}", now + timedelta(seconds=wait_s + index))
            return True

        return in_transaction(self._uow, work)


def replayed(message: OutboxMessage) -> OutgoingMessage:
    """The outbox's "reply" row as the message to send: its call, made as it is."""
    payload = message.payload
    call = (str(payload["method"]), json.dumps(payload["params"]))
    return OutgoingMessage(int(payload["chat_id"]), "", call=call)
