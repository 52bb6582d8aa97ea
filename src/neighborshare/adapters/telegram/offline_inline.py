"""Inline mode in the offline Bot API: answerInlineQuery, kept per query for tests to read.

Kept beside ``offline.py`` (one hook there): ``api.inline.answers[query_id]`` is what the bot
answered, ``api.inline.results(query_id)`` its results. A result is checked as Telegram does:
an id of 1-64 bytes, unique within the answer; a known type; at most 50 results; message text
and captions within Telegram's HTML rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from neighborshare.adapters.telegram.errors import bad_request
from neighborshare.adapters.telegram.refusals import caption, check_markup, message_text

MAX_RESULTS = 50
TYPES = frozenset({"article", "photo"})


class InlineAnswers:
    def __init__(self) -> None:
        self.answers: dict[str, dict[str, Any]] = {}

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
