"""Requesting portions and carrying an exchange through to pickup."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from neighborshare.domain.credits import CreditKind
from neighborshare.domain.errors import (
    AlreadyRequested,
    InvalidInput,
    InvalidTransition,
    NotAllowed,
    NotEnoughCredits,
    OwnPost,
    PostNotAvailable,
    TooManyOpenRequests,
)
from neighborshare.domain.exchanges import ExchangeRequest, ExchangeStatus
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import User
from neighborshare.ports.services import Clock, TaskQueue
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.cards import follow_cards
from neighborshare.services.common import exchange_or_refuse, post_or_refuse, user_or_refuse
from neighborshare.services.ledger import record_exchange_movement
from neighborshare.services.notifications import ANSWERABLE, BUTTONS_WITHDRAWN, post_summary
from neighborshare.services.transactions import in_transaction, notify, read_only


@dataclass(frozen=True, slots=True)
class ExchangeView:
    """An exchange as one party sees it; the apartment only for an accepted requester."""

    exchange: ExchangeRequest
    post: FoodPost
    other_name: str
    apartment: str | None


def _refuse_a_second_pending(uow: UnitOfWork, post_id: int, requester_id: int) -> None:
    """A neighbor's second request for a dish while the first still waits for the sharer
    (a tap or a /request sent twice) would only hold twice the credits: refused."""
    for earlier in uow.exchanges.for_post(post_id):
        if earlier.requester_id == requester_id and earlier.status is ExchangeStatus.PENDING:
            raise AlreadyRequested(portions=earlier.portions)


def withdraw_buttons(
    uow: UnitOfWork, exchange: ExchangeRequest, why: str, now: datetime,
    user_ids: tuple[int, ...],
) -> None:
    """Someone acted, or the exchange ended by itself: the Accept/Decline and Picked up/No-show
    messages of this exchange sent to ``user_ids`` lose their buttons, an edit queued for each
    one sent saying ``why`` (presentation.notifications.ANSWERED); one not sent yet is not
    sent at all."""
    for user_id in user_ids:
        for kind in ANSWERABLE:
            told = uow.outbox.by_key(f"exchange:{exchange.id}:{kind}:{user_id}")
            if told is None or told.failed_at is not None:
                continue
            if told.sent_at is None:  # still waiting in the outbox: nothing to answer any more
                told.sent_at, told.last_error = now, "withdrawn"
                uow.outbox.save(told)
            elif told.payload.get("message_id") is not None:
                payload = told.payload | {"answered": kind, "status": exchange.status.value,
                                          "why": why}
                notify(uow, user_id, BUTTONS_WITHDRAWN, payload, now,
                       f"exchange:{exchange.id}:{kind}:{user_id}:withdrawn")


@dataclass(frozen=True, slots=True)
class Locked:
    exchange: ExchangeRequest
    post: FoodPost
    requester: User


class ExchangeService:
    def __init__(
        self, uow_factory: UnitOfWorkFactory, clock: Clock, rules: Rules, tasks: TaskQueue
    ) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._rules = rules
        self._tasks = tasks

    def _run(self, work: Callable[[UnitOfWork], ExchangeRequest]) -> ExchangeRequest:
        exchange = in_transaction(self._uow, work)
        self._tasks.enqueue("drain_outbox")
        return exchange

    # -- requesting -----------------------------------------------------------------------

    def request(self, requester_id: int, post_id: int, portions: int) -> ExchangeRequest:
        """Reserve ``portions`` of a post at once and hold their credits."""
        if portions < 1:
            raise InvalidInput("at_least_one_portion")
        return self._run(lambda uow: self._request(uow, requester_id, post_id, portions))

    def _request(
        self, uow: UnitOfWork, requester_id: int, post_id: int, portions: int
    ) -> ExchangeRequest:
        now = self._clock.now()
        # lock order everywhere: user rows, then the post, then the exchange
        requester = user_or_refuse(uow, requester_id, lock=True)
        requester.ensure_can_transact(now)
        post = post_or_refuse(uow, post_id, lock=True)
        if post.sharer_id == requester_id:
            raise OwnPost()
        if not user_or_refuse(uow, post.sharer_id).is_active(now):
            raise PostNotAvailable()  # the sharer's account is paused: the dish is away too
        _refuse_a_second_pending(uow, post_id, requester_id)
        if uow.exchanges.count_open_by_requester(requester_id) >= self._rules.max_open_requests:
            raise TooManyOpenRequests(limit=self._rules.max_open_requests)
        cost = portions * self._rules.credits_per_portion
        if requester.balance < cost:
            raise NotEnoughCredits("request_costs", cost=cost, balance=requester.balance)
        post.reserve(portions, now)
        uow.posts.save(post)
        follow_cards(uow, post, now)
        exchange = uow.exchanges.add(
            ExchangeRequest(post.id or 0, requester_id, post.sharer_id, portions, now)
        )
        record_exchange_movement(uow, exchange, CreditKind.REQUEST_HOLD, self._rules, now)
        self._tell(
            uow,
            exchange,
            exchange.sharer_id,
            "request_received",
            now,
            requester_name=requester.first_name,
        )
        return exchange

    # -- answering and finishing -------------------------------------------------------

    def accept(self, sharer_id: int, exchange_id: int) -> ExchangeRequest:
        def work(uow: UnitOfWork) -> ExchangeRequest:
            now = self._clock.now()
            locked = self._lock(uow, exchange_id)
            self._only_sharer(locked.exchange, sharer_id, "accept")
            if now >= locked.post.window.end:
                raise InvalidTransition("window_passed")
            locked.exchange.transition(ExchangeStatus.ACCEPTED, now)
            uow.exchanges.save(locked.exchange)
            sharer = user_or_refuse(uow, sharer_id)
            self._tell(
                uow,
                locked.exchange,
                locked.exchange.requester_id,
                "request_accepted",
                now,
                sharer_name=sharer.first_name,
                apartment=sharer.apartment,
            )
            return locked.exchange

        return self._run(work)

    def decline(self, sharer_id: int, exchange_id: int) -> ExchangeRequest:
        def work(uow: UnitOfWork) -> ExchangeRequest:
            locked = self._lock(uow, exchange_id)
            self._only_sharer(locked.exchange, sharer_id, "decline")
            return self._close_with_refund(uow, locked, ExchangeStatus.DECLINED, "request_declined")

        return self._run(work)

    def cancel(self, user_id: int, exchange_id: int) -> ExchangeRequest:
        """Either party may cancel while the exchange is pending or accepted; once the window
        of an accepted exchange is over only the sharer may (the food may have been handed
        over: the requester's ways out are then a report, or the sharer's no-show)."""

        def work(uow: UnitOfWork) -> ExchangeRequest:
            locked = self._lock(uow, exchange_id)
            party = locked.exchange.party(user_id)
            if party == "requester" and not locked.exchange.requester_may_cancel(
                locked.post.window.end, self._clock.now()
            ):
                raise InvalidTransition("cancel_after_window")
            kind = "cancelled_by_" + party
            cancelled = self._close_with_refund(uow, locked, ExchangeStatus.CANCELLED, kind)
            if party == "requester":
                withdraw_buttons(uow, cancelled, "cancelled", self._clock.now(),
                                 (cancelled.sharer_id,))
            else:
                withdraw_buttons(uow, cancelled, "cancelled_by_sharer", self._clock.now(),
                                 (cancelled.requester_id,))
            return cancelled

        return self._run(work)

    def confirm_pickup(self, user_id: int, exchange_id: int) -> ExchangeRequest:
        def work(uow: UnitOfWork) -> ExchangeRequest:
            locked = self._lock(uow, exchange_id)
            party = locked.exchange.party(user_id)
            completed = self.complete(uow, locked.exchange, self._clock.now())
            if party == "requester":
                withdraw_buttons(uow, completed, "completed", self._clock.now(),
                                 (completed.sharer_id,))
            else:
                withdraw_buttons(uow, completed, "confirmed_by_sharer", self._clock.now(),
                                 (completed.requester_id,))
            return completed

        return self._run(work)

    def no_show(self, sharer_id: int, exchange_id: int) -> ExchangeRequest:
        """The requester never came: the hold is not returned."""

        def work(uow: UnitOfWork) -> ExchangeRequest:
            now = self._clock.now()
            locked = self._lock(uow, exchange_id)
            self._only_sharer(locked.exchange, sharer_id, "no_show")
            if now < locked.post.window.start:
                raise InvalidTransition("no_show_too_early")
            locked.exchange.transition(ExchangeStatus.NO_SHOW, now)
            uow.exchanges.save(locked.exchange)
            self._tell(uow, locked.exchange, locked.exchange.requester_id, "marked_no_show", now)
            withdraw_buttons(uow, locked.exchange, "no_show", now,
                             (locked.exchange.requester_id,))
            return locked.exchange

        return self._run(work)

    # -- shared steps, also used by the sweeps -------------------------------------------

    def complete(
        self, uow: UnitOfWork, exchange: ExchangeRequest, now: datetime
    ) -> ExchangeRequest:
        exchange.transition(ExchangeStatus.COMPLETED, now)
        uow.exchanges.save(exchange)
        record_exchange_movement(uow, exchange, CreditKind.PORTION_REWARD, self._rules, now)
        for user_id in exchange.parties:
            self._tell(uow, exchange, user_id, "rate_prompt", now)
        return exchange

    def _close_with_refund(
        self, uow: UnitOfWork, locked: Locked, status: ExchangeStatus, kind: str
    ) -> ExchangeRequest:
        now = self._clock.now()
        exchange = locked.exchange
        close_with_refund(uow, exchange, locked.post, status, self._rules, now)
        recipients = {
            "request_declined": exchange.requester_id,
            "cancelled_by_requester": exchange.sharer_id,
            "cancelled_by_sharer": exchange.requester_id,
            "request_expired": exchange.requester_id,
        }
        self._tell(uow, exchange, recipients[kind], kind, now)
        return exchange

    def expire(self, uow: UnitOfWork, exchange_id: int) -> ExchangeRequest | None:
        """Expire a pending request whose window ended (idempotent: None if already closed)."""
        locked = self._lock(uow, exchange_id)
        if locked.exchange.status is not ExchangeStatus.PENDING:
            return None
        return self._close_with_refund(uow, locked, ExchangeStatus.EXPIRED, "request_expired")

    def _lock(self, uow: UnitOfWork, exchange_id: int) -> Locked:
        exchange = exchange_or_refuse(uow, exchange_id)
        requester = user_or_refuse(uow, exchange.requester_id, lock=True)
        post = post_or_refuse(uow, exchange.post_id, lock=True)
        return Locked(exchange_or_refuse(uow, exchange_id, lock=True), post, requester)

    @staticmethod
    def _only_sharer(exchange: ExchangeRequest, user_id: int, action: str) -> None:
        if exchange.party(user_id) != "sharer":
            raise NotAllowed(f"sharer_only_{action}")

    def _tell(
        self,
        uow: UnitOfWork,
        exchange: ExchangeRequest,
        recipient_id: int,
        kind: str,
        now: datetime,
        **extra: object,
    ) -> None:
        post = post_or_refuse(uow, exchange.post_id)
        payload = (
            post_summary(post)
            | {
                "exchange_id": exchange.id,
                "portions": exchange.portions,
                "status": exchange.status.value,
            }
            | extra
        )
        notify(
            uow, recipient_id, kind, payload, now, f"exchange:{exchange.id}:{kind}:{recipient_id}"
        )

    # -- reading ------------------------------------------------------------------------

    def view(self, user_id: int, exchange_id: int) -> ExchangeView:
        def work(uow: UnitOfWork) -> ExchangeView:
            return _view(uow, user_id, exchange_or_refuse(uow, exchange_id))

        return read_only(self._uow, work)

    def mine(self, user_id: int) -> list[ExchangeView]:
        """The neighbor's exchanges, as requester or sharer, newest first."""

        def work(uow: UnitOfWork) -> list[ExchangeView]:
            exchanges = uow.exchanges.for_user(user_id)
            # two reads for all of them; _view then finds each party and dish loaded
            uow.users.get_many([e.other_party(user_id) for e in exchanges])
            uow.posts.get_many([e.post_id for e in exchanges])
            return [_view(uow, user_id, exchange) for exchange in exchanges]

        return read_only(self._uow, work)


def _view(uow: UnitOfWork, user_id: int, exchange: ExchangeRequest) -> ExchangeView:
    other = user_or_refuse(uow, exchange.other_party(user_id))
    post = post_or_refuse(uow, exchange.post_id)
    reveal = user_id == exchange.requester_id and exchange.status in (
        ExchangeStatus.ACCEPTED,
        ExchangeStatus.COMPLETED,
    )
    return ExchangeView(exchange, post, other.first_name, other.apartment if reveal else None)


def close_with_refund(
    uow: UnitOfWork,
    exchange: ExchangeRequest,
    post: FoodPost,
    status: ExchangeStatus,
    rules: Rules,
    now: datetime,
) -> None:
    """End ``exchange`` as ``status``: portions back to the post, the hold back to the requester."""
    exchange.transition(status, now)
    uow.exchanges.save(exchange)
    post.release(exchange.portions)
    uow.posts.save(post)
    follow_cards(uow, post, now)
    record_exchange_movement(uow, exchange, CreditKind.HOLD_RELEASE, rules, now)
