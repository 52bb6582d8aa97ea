"""Inline mode in the offline Bot API: answerInlineQuery, kept per query for tests to read.

Kept beside ``offline.py`` (one hook there): ``api.inline.answers[query_id]`` is what the bot
answered, ``api.inline.results(query_id)`` its results. ``api.inline.choose(...)`` is a user
choosing one: the card appears in the chat as sent "via" the bot, and, as Telegram does, it has
an ``inline_message_id`` (in the chosen_inline_result) only if it carries an inline keyboard.
The bot then edits it by that id alone (``methods.py``), never by chat and message id.
A result is checked as Telegram does: an id of 1-64 bytes, unique within the answer; a known
type; at most 50 results; message text and captions within Telegram's HTML rules.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

from neighborshare.adapters.telegram.errors import bad_request
from neighborshare.adapters.telegram.refusals import caption, check_markup, message_text
from neighborshare.adapters.telegram.sent import ChatLog, SentMessage

MAX_RESULTS = 50
TYPES = frozenset({"article", "photo"})


class InlineAnswers:
    def __init__(self, log: ChatLog | None = None) -> None:
        self.answers: dict[str, dict[str, Any]] = {}
        self._log = log or ChatLog()
        self._ids = itertools.count(1)

    def methods(self) -> dict[str, Callable[[dict[str, Any]], Any]]:
        return {"answerInlineQuery": self.answer}

    def answer(self, p: dict[str, Any]) -> bool:
        query_id = str(p["inline_query_id"])
        if query_id in self.answers:
            raise bad_request("query is too old and response timeout expired or query ID is "
                              "invalid")
        results = _loaded(p.get("results"))
        if len(results) > MAX_RESULTS:
            raise bad_request("RESULTS_TOO_MUCH")
        ids = [str(r.get("id", "")) for r in results]
        if len(set(ids)) != len(ids) or any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise bad_request("RESULT_ID_DUPLICATE" if len(set(ids)) != len(ids)
                              else "RESULT_ID_INVALID")
        for item in results:
            _check(item)
        self.answers[query_id] = dict(p) | {"results": results}
        return True

    def results(self, query_id: str) -> list[dict[str, Any]]:
        return list(self.answers.get(str(query_id), {}).get("results", []))

    def choose(self, user_id: int, chat_id: int, query_id: str, result_id: str
               ) -> tuple[SentMessage, str | None]:
        """``user_id`` chose ``result_id`` of the answer to ``query_id`` in ``chat_id``: the
        card as the chat shows it, and its inline_message_id (None without a keyboard)."""
        found = [r for r in self.results(query_id) if str(r.get("id")) == result_id]
        if not found:
            raise KeyError(f"the bot offered no result {result_id!r} for query {query_id!r}")
        result, markup = found[0], found[0].get("reply_markup")
        imid = f"AQAAA{next(self._ids):07d}" if markup else None
        if result["type"] == "photo":
            text, parse_mode = str(result.get("caption", "")), result.get("parse_mode")
        else:
            content = result.get("input_message_content") or {}
            text, parse_mode = str(content.get("message_text", "")), content.get("parse_mode")
        card = SentMessage(chat_id, self._log.next_message_id(), text, parse_mode, markup,
                           photo=result.get("photo_file_id"), inline_message_id=imid,
                           sender_id=user_id)
        return self._log.keep(card), imid


def _check(item: dict[str, Any]) -> None:
    if item.get("type") not in TYPES:
        raise bad_request("RESULT_TYPE_INVALID")
    check_markup(item.get("reply_markup"))
    if item["type"] == "photo":
        caption(str(item.get("caption", "")), item.get("parse_mode"))
        return
    content = item.get("input_message_content") or {}
    message_text(str(content.get("message_text", "")), content.get("parse_mode"))


def _loaded(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        value = json.loads(value)
    return list(value) if isinstance(value, list) else []
