"""A small neighborhood built through the services, and a snapshot of everything a sweep moves."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from neighborshare.domain.values import Allergen, Location, PickupWindow
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration
from tests.worker.conftest import World

HOME = Location(51.5074, -0.1278)


def near(i: int) -> Location:
    return Location(HOME.latitude + 0.0004 * i, HOME.longitude + 0.0004 * i)


@dataclass
class Neighborhood:
    sharers: list[int] = field(default_factory=list)
    requesters: list[int] = field(default_factory=list)
    posts: list[int] = field(default_factory=list)
    exchanges: list[int] = field(default_factory=list)

    @property
    def users(self) -> list[int]:
        return self.sharers + self.requesters


def register(world: World, telegram_id: int, name: str, **extra: Any) -> int:
    c = world.container
    phone = c.auth().hash(f"+4477009{telegram_id:05d}")
    spot = near(telegram_id % 100)
    form = Registration(telegram_id, name, phone, f"{telegram_id}A", spot, **extra)
    return int(c.users().register(form).user.id)


def build(world: World, pairs: int = 4, accept: bool = False) -> Neighborhood:
    """``pairs`` sharers, each with a 2-portion dish at +1h..+2h, and one requester each."""
    hood = Neighborhood()
    now = world.clock.now()
    window = PickupWindow(now + timedelta(hours=1), now + timedelta(hours=2))
    c = world.container
    for i in range(pairs):
        sharer = register(world, 100 + i, f"Sharer{i}")
        requester = register(world, 200 + i, f"Requester{i}")
        post = c.food().share(sharer, Dish(f"Dish {i} <b>", 2, window, frozenset({Allergen.EGGS})))
        exchange = c.exchanges().request(requester, post.id, 1)
        if accept:
            c.exchanges().accept(sharer, exchange.id)
        hood.sharers.append(sharer)
        hood.requesters.append(requester)
        hood.posts.append(int(post.id))
        hood.exchanges.append(int(exchange.id))
    return hood


def snapshot(world: World, hood: Neighborhood) -> dict[str, Any]:
    """Statuses, balances, ledger and outbox rows: what a sweep may change (ids excluded)."""
    with world.uow() as uow:
        users = {i: uow.users.get(i) for i in hood.users}
        return {
            "balances": {i: u.balance for i, u in users.items()},
            "ledger": sorted(
                (t.key, t.user_id, t.amount) for i in hood.users for t in uow.credits.history(i, 99)
            ),
            "ledger_matches_balance": all(
                uow.credits.total_for(i) == u.balance for i, u in users.items()
            ),
            "posts": {i: (p.status.value, p.portions_reserved) for i in hood.posts
                      if (p := uow.posts.get(i)) is not None},
            "exchanges": {
                i: (e.status.value, e.reminded_at is not None, e.pickup_prompted_at is not None)
                for i in hood.exchanges
                if (e := uow.exchanges.get(i)) is not None
            },
            "outbox": sorted(
                (m.dedupe_key, m.kind, m.recipient_id, m.sent_at is not None, _json(m.payload))
                for i in hood.users
                for m in uow.outbox.sent_to(i)
            ),
        }


def _json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, default=str)
