"""The SQL chat cards: which inline messages show which dish."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql.records import chat_cards
from neighborshare.adapters.sql.repositories.base import insert_or_nothing
from neighborshare.adapters.sql.session import SqlSession
from neighborshare.domain.records import ChatCard


def card_of(row: Any) -> ChatCard:
    return ChatCard(str(row.inline_message_id), int(row.post_id), row.language,
                    row.chat_id, row.message_id)


class SqlChatCardRepository:
    def __init__(self, session: SqlSession) -> None:
        self._s = session

    def remember(self, card: ChatCard, now: datetime) -> bool:
        statement = insert_or_nothing(self._s, chat_cards, ["inline_message_id"],
                                      returning=False)
        values = {"inline_message_id": card.inline_message_id, "post_id": card.post_id,
                  "language": card.language, "chat_id": card.chat_id,
                  "message_id": card.message_id, "created_at": now}
        return self._s.execute(statement, values).rowcount == 1

    def of_post(self, post_id: int) -> list[ChatCard]:
        c = chat_cards.c
        statement = (sa.select(c.inline_message_id, c.post_id, c.language, c.chat_id,
                               c.message_id)
                     .where(c.post_id == post_id)
                     .order_by(c.created_at, c.inline_message_id))
        return [card_of(row) for row in self._s.execute(statement)]

    def forget(self, inline_message_id: str) -> None:
        self._s.execute(sa.delete(chat_cards).where(
            chat_cards.c.inline_message_id == inline_message_id))
