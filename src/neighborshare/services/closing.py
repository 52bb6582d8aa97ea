"""Ending a dish's open requests when its sharer steps back (suspended, withdrawn, erased)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from neighborshare.domain.exchanges import ExchangeRequest, ExchangeStatus
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.rules import Rules
from neighborshare.ports.unit_of_work import UnitOfWork
from neighborshare.services.cards import follow_cards
from neighborshare.services.common import exchange_or_refuse, post_or_refuse, user_or_refuse
from neighborshare.services.exchanges import close_with_refund, withdraw_buttons
from neighborshare.services.notifications import post_summary
from neighborshare.services.transactions import notify


def close_requests(
    uow: UnitOfWork,
    post_id: int,
    statuses: Collection[ExchangeStatus],
    target: ExchangeStatus,
    kind: str,
    rules: Rules,
    now: datetime,
    sharer_buttons: bool = True,
) -> list[ExchangeRequest]:
    """Close the post's exchanges in ``statuses`` as ``target``, each hold returned and each
    requester told ``kind``; the closed exchanges. Both sides' messages of each lose their
    buttons (without ``sharer_buttons``, the requester's only: a sharer being erased gets
    nothing more)."""
    closed = []
    for found in uow.exchanges.for_post(post_id):
        if found.status not in statuses or found.id is None:
            continue
        user_or_refuse(uow, found.requester_id, lock=True)  # lock order: user, post, exchange
        post = post_or_refuse(uow, post_id, lock=True)
        exchange = exchange_or_refuse(uow, found.id, lock=True)
        if exchange.status not in statuses:
            continue
        close_with_refund(uow, exchange, post, target, rules, now)
        tell_requester(uow, exchange, post, kind, now)
        parties = exchange.parties if sharer_buttons else (exchange.requester_id,)
        withdraw_buttons(uow, exchange, kind, now, parties)
        closed.append(exchange)
    return closed


def tell_requester(
    uow: UnitOfWork, exchange: ExchangeRequest, post: FoodPost, kind: str, now: datetime,
    **extra: object,
) -> None:
    payload = post_summary(post) | {
        "exchange_id": exchange.id, "portions": exchange.portions,
        "status": exchange.status.value,
    } | extra
    key = f"exchange:{exchange.id}:{kind}:{exchange.requester_id}"
    notify(uow, exchange.requester_id, kind, payload, now, key)


def step_back_from_sharing(uow: UnitOfWork, sharer_id: int, rules: Rules, now: datetime) -> None:
    """A suspended or banned sharer: their pending requests are declined (holds returned), and
    each accepted one goes on to its pickup, its requester told so. Their dishes leave browse,
    alerts and digests by the queries themselves, and come back when the suspension ends; their
    cards in chats are redrawn (as not offered: services.notifications draws a paused sharer's
    dish so)."""
    for post in uow.posts.by_sharer(sharer_id, limit=100):
        if post.id is None:
            continue
        follow_cards(uow, post, now, ":away")
        pending = (ExchangeStatus.PENDING,)
        close_requests(uow, post.id, pending, ExchangeStatus.DECLINED, "sharer_away", rules, now)
        for exchange in uow.exchanges.for_post(post.id):
            if exchange.status is ExchangeStatus.ACCEPTED:
                tell_requester(uow, exchange, post, "sharer_away_pickup_stands", now)
