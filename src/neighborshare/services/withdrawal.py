"""When a dish is taken down (by a moderator or by its sharer), its open exchanges are
cancelled and every hold is returned."""

from __future__ import annotations

from datetime import datetime

from neighborshare.domain.exchanges import OPEN_STATUSES, ExchangeRequest, ExchangeStatus
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.rules import Rules
from neighborshare.ports.unit_of_work import UnitOfWork
from neighborshare.services.cards import follow_cards
from neighborshare.services.closing import close_requests
from neighborshare.services.common import exchange_or_refuse, post_or_refuse, user_or_refuse
from neighborshare.services.exchanges import close_with_refund, withdraw_buttons
from neighborshare.services.notifications import post_summary
from neighborshare.services.transactions import notify


def withdraw_open_exchanges(uow: UnitOfWork, post: FoodPost, rules: Rules, now: datetime) -> int:
    """Cancel every pending or accepted exchange of a hidden ``post``; returns how many.

    A dish hidden for food safety must not be handed over, so nothing may stay accepted.
    """
    assert post.id is not None
    withdrawn = 0
    for found in uow.exchanges.for_post(post.id):
        if not found.is_open or found.id is None:
            continue
        exchange = exchange_or_refuse(uow, found.id, lock=True)
        close_with_refund(uow, exchange, post, ExchangeStatus.CANCELLED, rules, now)
        payload = post_summary(post) | {"exchange_id": exchange.id, "portions": exchange.portions}
        notify(
            uow,
            exchange.requester_id,
            "cancelled_post_hidden",
            payload,
            now,
            f"exchange:{exchange.id}:cancelled_post_hidden",
        )
        withdraw_buttons(uow, exchange, "cancelled_post_hidden", now, exchange.parties)
        withdrawn += 1
    uow.posts.save(post)  # hidden, even with no open exchange
    follow_cards(uow, post, now)
    return withdrawn


def withdraw_post(
    uow: UnitOfWork, sharer_id: int, post_id: int, rules: Rules, now: datetime
) -> list[ExchangeRequest]:
    """The sharer takes their dish down: the cancelled exchanges (each requester refunded)."""
    # lock order everywhere: user rows, then the post, then the exchanges
    holders = {e.requester_id for e in uow.exchanges.for_post(post_id) if e.is_open}
    for requester_id in sorted(holders):
        user_or_refuse(uow, requester_id, lock=True)
    post = post_or_refuse(uow, post_id, lock=True)
    post.ensure_changeable(sharer_id, now)
    return take_down(uow, post, rules, now)


def take_down(
    uow: UnitOfWork, post: FoodPost, rules: Rules, now: datetime,
    kind: str = "cancelled_post_withdrawn", sharer_buttons: bool = True,
) -> list[ExchangeRequest]:
    """Withdraw ``post`` for good and cancel its open exchanges, each requester told ``kind``
    (see ``close_requests`` for ``sharer_buttons``)."""
    assert post.id is not None
    post.withdraw()
    uow.posts.save(post)
    follow_cards(uow, post, now)
    return close_requests(uow, post.id, OPEN_STATUSES, ExchangeStatus.CANCELLED, kind, rules,
                          now, sharer_buttons)
