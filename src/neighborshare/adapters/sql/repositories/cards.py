"""The SQL chat cards: which inline messages show which dish."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from neighborshare.adapters.sql.records import chat_cards
from neighborshare.adapters.sql.repositories.base import insert_or_nothing
from neighborshare.adapters.sql.session import SqlSession


class SqlChatCardRepository:
    def __init__(self, session: SqlSession) -> None:
        self._s = session

    def remember(self, post_id: int, inline_message_id: str, now: datetime) -> bool:
        statement = insert_or_nothing(self._s, chat_cards, ["inline_message_id"],
                                      returning=False)
        values = {"inline_message_id": inline_message_id, "post_id": post_id, "created_at": now}
        return self._s.execute(statement, values).rowcount == 1

    def of_post(self, post_id: int) -> list[str]:
        statement = (sa.select(chat_cards.c.inline_message_id)
                     .where(chat_cards.c.post_id == post_id)
                     .order_by(chat_cards.c.created_at, chat_cards.c.inline_message_id))
        return [str(row[0]) for row in self._s.execute(statement)]

    def forget(self, inline_message_id: str) -> None:
        self._s.execute(sa.delete(chat_cards).where(
            chat_cards.c.inline_message_id == inline_message_id))
