"""The rows and statements of the set-based sweep: JSON-fed SQL and the outbox rows it writes
(the outbox's own batch insert uses the same statement)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql import codes
from neighborshare.domain.credits import CreditKind
from neighborshare.domain.records import CARD_EDIT, ChatCard
from neighborshare.domain.sending import send_class

RELEASE = CreditKind.HOLD_RELEASE

# A batch's outbox rows arrive as one JSON document: one parameter, one statement. Rows that
# carry no times or attempts (the sweeps') are new as of :now; the outbox's add_many gives them.
OUTBOX_FROM_JSON_PG = """
    INSERT INTO outbox (recipient_id, kind, payload, dedupe_key, created_at, available_at,
                        sent_at, attempts, priority)
    SELECT x.recipient_id, x.kind, x.payload, x.dedupe_key, COALESCE(x.created_at, :now),
        COALESCE(x.available_at, :now), x.sent_at, COALESCE(x.attempts, 0), x.priority
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(
        recipient_id bigint, kind text, payload jsonb, dedupe_key text,
        created_at timestamptz, available_at timestamptz, sent_at timestamptz, attempts int,
        priority smallint)
    ON CONFLICT (dedupe_key) DO NOTHING"""
OUTBOX_FROM_JSON_SQLITE = """
    INSERT INTO outbox (recipient_id, kind, payload, dedupe_key, created_at, available_at, attempts,
                        priority)
    SELECT json_extract(value, '$.recipient_id'), json_extract(value, '$.kind'),
        json_extract(value, '$.payload'), json_extract(value, '$.dedupe_key'), :now, :now, 0,
        json_extract(value, '$.priority')
    FROM json_each(:rows) WHERE true
    ON CONFLICT (dedupe_key) DO NOTHING"""

# Portions given back per post (and, for the posts sweep, the post closed) from JSON rows.
RELEASE_PG = """
    UPDATE posts SET portions_reserved = posts.portions_reserved - r.n,
        status = CASE WHEN :close THEN 'expired' ELSE posts.status END
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id bigint, n int)
    WHERE posts.id = r.id"""
RELEASE_SQLITE = """
    UPDATE posts SET portions_reserved = posts.portions_reserved - r.n,
        status = CASE WHEN :close THEN 'expired' ELSE posts.status END
    FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.n') AS n
          FROM json_each(:rows)) AS r
    WHERE posts.id = r.id"""

CREDIT_PG = """
    UPDATE users SET balance = users.balance + r.n
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id bigint, n int)
    WHERE users.id = r.id"""
CREDIT_SQLITE = """
    UPDATE users SET balance = users.balance + r.n
    FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.n') AS n
          FROM json_each(:rows)) AS r
    WHERE users.id = r.id"""


def release_key(exchange_id: Any) -> Any:
    """The ledger key of an exchange's hold release, as the item-wise path writes it."""
    return sa.literal("exchange:") + sa.cast(exchange_id, sa.String) + f":{RELEASE.value}"


def released_by_post(expired: Sequence[Any]) -> Counter[int]:
    released: Counter[int] = Counter()
    for row in expired:
        released[row.post_id] += row.portions
    return released


@cache
def _allergens(mask: int) -> list[str]:
    return sorted(a.value for a in codes.allergens_of(mask))


@cache
def _diet_tags(mask: int) -> list[str]:
    return sorted(t.value for t in codes.diet_tags_of(mask))


def _summary(post_id: int, post: Any, released: Counter[int]) -> dict[str, Any]:
    """What services.notifications.post_summary says of the post once portions are back."""
    return {
        "post_id": post_id,
        "name": post.name,
        "portions_left": post.portions - post.portions_reserved + released[post_id],
        "allergens": _allergens(post.allergen_mask),
        "diet_tags": _diet_tags(post.diet_mask),
        "window_start": post.window_start.isoformat(),
        "window_end": post.window_end.isoformat(),
    }


def requests_expired(expired: Sequence[Any], posts: dict[int, Any]) -> list[dict[str, Any]]:
    """The outbox rows ExchangeService writes for expired requests: same keys, same payloads.

    The item-wise sweep expires a post's requests one by one, oldest first, each message
    quoting the portions left once its own (and the earlier ones') were given back.
    """
    given_back: Counter[int] = Counter()
    messages = []
    for row in sorted(expired, key=lambda r: (r.post_id, r.id)):
        given_back[row.post_id] += row.portions
        payload = _summary(row.post_id, posts[row.post_id], given_back)
        payload |= {"exchange_id": row.id, "portions": row.portions, "status": "expired"}
        key = f"exchange:{row.id}:request_expired:{row.requester_id}"
        messages.append(_message(row.requester_id, "request_expired", payload, key))
    return messages


def post_expired(post_id: int, post: Any, released: Counter[int]) -> dict[str, Any]:
    left = post.portions - post.portions_reserved + released[post_id]
    payload = {"post_id": post_id, "name": post.name, "portions_left": left}
    return _message(post.sharer_id, "post_expired", payload, f"post:{post_id}:expired")


def card_edits(
    cards: Sequence[ChatCard], posts: dict[int, Any], state: str
) -> list[dict[str, Any]]:
    """The edits services.cards.follow_cards queues for the cards (rows of chat_cards) of
    posts the sweep changed: one per card, drawn from the post when it is sent."""
    return [
        _message(posts[card.post_id].sharer_id, CARD_EDIT, card.edit_payload(),
                 f"card:{card.inline_message_id}:{state}")
        for card in cards
    ]


def _message(recipient_id: int, kind: str, payload: dict[str, Any], key: str) -> dict[str, Any]:
    return {"recipient_id": recipient_id, "kind": kind, "payload": payload, "dedupe_key": key,
            "priority": int(send_class(kind))}
