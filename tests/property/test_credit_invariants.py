"""Credit and portion invariants under random sequences of exchange actions and time passing."""

from __future__ import annotations

import contextlib
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import memory_container
from neighborshare.domain.credits import CreditKind
from neighborshare.domain.errors import NeighborShareError
from neighborshare.domain.exchanges import RESERVING_STATUSES, ExchangeStatus
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration

START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
NEIGHBORS = 4
VERBS = ("accept", "accept", "decline", "cancel", "confirm_pickup", "no_show", "no_show")
SHARER_VERBS = {"accept", "decline", "no_show"}
# mostly the party who may act, sometimes the other party or a stranger (who are refused)
ROLES = ("proper", "proper", "proper", "other", "stranger")
ONCE = {CreditKind.REQUEST_HOLD, CreditKind.HOLD_RELEASE, CreditKind.PORTION_REWARD}


class ExchangeEconomy(RuleBasedStateMachine):
    """Neighbors share, request and answer at random while the sweeps run as time passes."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FixedClock(START)
        self.c = memory_container(clock=self.clock)
        auth, self.users = self.c.auth(), []
        self.posts: list[int] = []
        self.sharers: dict[int, int] = {}
        self.erased: set[int] = set()
        for i in range(NEIGHBORS):
            phone = auth.hash(f"+4477009002{i:02d}")
            form = Registration(500 + i, f"N{i}", phone, f"{i}A", Location(51.5074, -0.1278))
            self.users.append(self.c.users().register(form).user.id)

    def _exchanges(self, *statuses: ExchangeStatus) -> list:
        with self.c.uow_factory()() as uow:
            found = [e for p in self.posts for e in uow.exchanges.for_post(p)]
        return [e for e in found if not statuses or e.status in statuses]

    def _party(self, exchange, verb: str, role: str) -> int:
        sharer_acts = verb in SHARER_VERBS
        proper, other = exchange.sharer_id, exchange.requester_id
        if not sharer_acts:
            proper, other = other, proper
        strangers = [u for u in self.users if u not in (proper, other)]
        return {"proper": proper, "other": other}.get(role, strangers[0])

    @rule(
        sharer=st.integers(0, NEIGHBORS - 1),
        portions=st.integers(1, 5),
        starts_in=st.integers(0, 60),
        lasts=st.integers(15, 180),
    )
    def share(self, sharer: int, portions: int, starts_in: int, lasts: int) -> None:
        if self.users[sharer] in self.erased:
            return
        start = self.clock.now() + timedelta(minutes=starts_in)
        dish = Dish("dish", portions, PickupWindow(start, start + timedelta(minutes=lasts)))
        post_id = self.c.food().share(self.users[sharer], dish).id
        self.posts.append(post_id)
        self.sharers[post_id] = sharer

    @precondition(lambda self: self.posts)
    @rule(data=st.data(), who=st.integers(1, NEIGHBORS - 1), n=st.integers(1, 3))
    def request(self, data: st.DataObject, who: int, n: int) -> None:
        """Mostly someone other than the sharer (``who`` counts on from the sharer)."""
        post = data.draw(st.sampled_from(self.posts[-3:]))
        sharer = self.sharers[post]
        with contextlib.suppress(NeighborShareError):
            self.c.exchanges().request(self.users[(sharer + who) % NEIGHBORS], post, n)

    @rule(data=st.data(), verb=st.sampled_from(VERBS), role=st.sampled_from(ROLES))
    def act(self, data: st.DataObject, verb: str, role: str) -> None:
        live = self._exchanges(ExchangeStatus.PENDING, ExchangeStatus.ACCEPTED)
        if live:
            exchange = data.draw(st.sampled_from(live))
            method = getattr(self.c.exchanges(), verb)
            with contextlib.suppress(NeighborShareError):
                method(self._party(exchange, verb, role), exchange.id)

    @rule(data=st.data(), role=st.sampled_from(ROLES), stars=st.integers(3, 5))
    def rate(self, data: st.DataObject, role: str, stars: int) -> None:
        done = self._exchanges(ExchangeStatus.COMPLETED)
        if done:
            exchange = data.draw(st.sampled_from(done))
            rater = self._party(exchange, "rate", role)  # "proper" is the requester
            food = stars if rater == exchange.requester_id else None
            with contextlib.suppress(NeighborShareError):
                self.c.ratings().rate(rater, exchange.id, stars, food)

    # answering and requesting happen more often than sharing or time passing
    act_again = act
    request_again = request

    @precondition(lambda self: len(self.erased) < NEIGHBORS - 2)
    @rule(who=st.integers(0, NEIGHBORS - 1))
    def erase(self, who: int) -> None:
        """A neighbor deletes their account, whatever their exchanges' states (rarely)."""
        user_id = self.users[who]
        if user_id not in self.erased:
            self.c.erasure().erase(user_id)
            self.erased.add(user_id)

    @rule(minutes=st.sampled_from([1, 10, 30, 60, 180, 26 * 60]))
    def time_passes(self, minutes: int) -> None:
        self.clock.advance(timedelta(minutes=minutes))
        self.c.sweeps().run_all()

    @invariant()
    def books_balance(self) -> None:
        with self.c.uow_factory()() as uow:
            users = [uow.users.get(u) for u in self.users]
            ledger = [tx for u in self.users for tx in uow.credits.history(u, limit=10_000)]
            posts = [uow.posts.get(p) for p in self.posts]
            exchanges = {p: uow.exchanges.for_post(p) for p in self.posts}
        assert all(u.balance >= 0 for u in users)
        assert (
            uow.credits.total() == sum(tx.amount for tx in ledger) == sum(u.balance for u in users)
        )
        for user in users:
            assert user.balance == sum(tx.amount for tx in ledger if tx.user_id == user.id)
        for post in posts:
            held = sum(e.portions for e in exchanges[post.id] if e.status in RESERVING_STATUSES)
            assert 0 <= post.portions_reserved == held <= post.portions
        linked = Counter((tx.exchange_id, tx.kind) for tx in ledger if tx.exchange_id)
        assert set(linked.values()) <= {1}, linked
        for exchange in (e for batch in exchanges.values() for e in batch):
            kinds = {kind for (x, kind) in linked if x == exchange.id}
            assert CreditKind.REQUEST_HOLD in kinds
            assert (CreditKind.HOLD_RELEASE in kinds) == exchange.refunds_hold
            assert (CreditKind.PORTION_REWARD in kinds) == (
                exchange.status is ExchangeStatus.COMPLETED
            )
            assert kinds <= ONCE | {CreditKind.FIVE_STAR_BONUS}


ExchangeEconomy.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_exchange_economy = pytest.mark.slow(ExchangeEconomy.TestCase)  # a few seconds
