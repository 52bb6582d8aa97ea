"""Cards of a dish in chats (inline mode) follow the dish: each change a card shows (portions
claimed or given back, the dish withdrawn, hidden, taken or expired) queues an edit of every
card, through the outbox, in the transaction that makes the change.

An edit is drawn when it is sent, from the dish as it is then, so edits queued close together
all show the latest state; the drain sends one per card per batch."""

from __future__ import annotations

from datetime import datetime

from neighborshare.domain.posts import FoodPost
from neighborshare.domain.records import CARD_EDIT, OutboxMessage
from neighborshare.ports.unit_of_work import UnitOfWork


def follow_cards(uow: UnitOfWork, post: FoodPost, now: datetime, why: str = "") -> int:
    """Queue an edit of each of ``post``'s cards; how many. Addressed to the sharer, whose
    dish it is; what is sent goes to the cards, wherever they are. ``why`` tells apart edits
    of an unchanged dish at one moment (its sharer suspended, then reinstated)."""
    if post.id is None:
        return 0
    state = f"{post.status.value}:{post.portions_reserved}:{now.isoformat()}{why}"
    edits = [
        OutboxMessage(
            recipient_id=post.sharer_id, kind=CARD_EDIT,
            payload=card.edit_payload(),
            dedupe_key=f"card:{card.inline_message_id}:{state}", created_at=now,
            available_at=now,
        )
        for card in uow.cards.of_post(post.id)
    ]
    return uow.outbox.add_many(edits) if edits else 0
