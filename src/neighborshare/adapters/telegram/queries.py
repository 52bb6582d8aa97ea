"""Callback queries: the ones neighbors' taps raised, and the bot's answers to them."""

from __future__ import annotations

from collections.abc import MutableSequence
from typing import Any

from telegram.constants import CallbackQueryLimit

from neighborshare.adapters.telegram.errors import bad_request

STALE_QUERY = "query is too old and response timeout expired or query ID is invalid"


class CallbackQueries:
    """Telegram accepts one answer per query it delivered; any other id is refused."""

    def __init__(self, answers: MutableSequence[dict[str, Any]]) -> None:
        self.answers = answers
        self._open: set[str] = set()

    def raised(self, query_id: str) -> None:
        self._open.add(query_id)

    def answer(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open:
            raise bad_request(STALE_QUERY)
        if len(str(params.get("text", ""))) > CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH:
            raise bad_request("MESSAGE_TOO_LONG")  # the notification or alert: 0-200 characters
        self._open.discard(query_id)
        self.answers.append(dict(params))
        return True
