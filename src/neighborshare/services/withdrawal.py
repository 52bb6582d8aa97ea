"""When a dish is taken down, its open exchanges are cancelled and every hold is returned."""

from __future__ import annotations

from datetime import datetime

from neighborshare.domain.exchanges import ExchangeStatus
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.rules import Rules
from neighborshare.ports.unit_of_work import UnitOfWork
from neighborshare.services.common import exchange_or_refuse
from neighborshare.services.exchanges import close_with_refund
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
        withdrawn += 1
    uow.posts.save(post)  # hidden, even with no open exchange
    return withdrawn
