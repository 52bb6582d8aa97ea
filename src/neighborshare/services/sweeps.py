"""Periodic sweeps, each "handle everything overdue" and safe to run twice or after a crash."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.domain.exchanges import ExchangeStatus
from neighborshare.domain.rules import Rules
from neighborshare.ports.services import Clock
from neighborshare.ports.sweeps import BulkExpiry
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.cards import follow_cards
from neighborshare.services.common import exchange_or_refuse, post_or_refuse, user_or_refuse
from neighborshare.services.exchanges import ExchangeService, withdraw_buttons
from neighborshare.services.transactions import (
    DEFAULT_ATTEMPTS,
    in_transaction,
    notify,
    read_only,
)

BATCH = 500
BULK_BATCH = 5000


@dataclass(frozen=True, slots=True)
class SweepReport:
    name: str
    handled: int


class SweepService:
    """Each item is handled in its own transaction: a crash loses at most the item in hand."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        rules: Rules,
        exchanges: ExchangeService,
        bulk: BulkExpiry | None = None,
        bulk_batch: int = BULK_BATCH,
        bulk_workers: int = 1,
    ) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._rules = rules
        self._exchanges = exchanges
        self._bulk = bulk  # set-based expiry on SQL; None keeps the item-wise path
        self._bulk_batch = bulk_batch
        self._bulk_workers = bulk_workers

    def _each(
        self,
        name: str,
        find: Callable[[UnitOfWork], list[int]],
        handle: Callable[[UnitOfWork, int], bool],
    ) -> SweepReport:
        handled = 0
        while True:
            ids = read_only(self._uow, find)
            progressed = 0
            for item_id in ids:
                progressed += in_transaction(self._uow, partial(_swap, handle, item_id))
            handled += progressed
            if len(ids) < BATCH or progressed == 0:
                return SweepReport(name, handled)

    def _in_bulk(self, name: str, expire: Callable[[datetime, int], int]) -> SweepReport:
        """Batch after batch, each its own transaction, until nothing overdue is left; with
        several workers each takes its own batches (the port skips rows another has locked)."""
        now = self._clock.now()

        def work() -> int:
            handled = 0
            while count := _retrying(expire, now, self._bulk_batch):
                handled += count
            return handled

        if self._bulk_workers == 1:
            return SweepReport(name, work())
        with ThreadPoolExecutor(self._bulk_workers) as pool:
            running = [pool.submit(work) for _ in range(self._bulk_workers)]
            return SweepReport(name, sum(future.result() for future in running))

    def expire_posts(self) -> SweepReport:
        """Posts past their window expire; their pending requests expire with them."""
        if self._bulk is not None:
            return self._in_bulk("expire_posts", self._bulk.expire_posts)  # with their requests
        now = self._clock.now()

        def handle(uow: UnitOfWork, post_id: int) -> bool:
            post = post_or_refuse(uow, post_id, lock=True)
            if post.status.value != "active":
                return False
            for exchange in uow.exchanges.for_post(post_id):
                if exchange.status is ExchangeStatus.PENDING and exchange.id is not None:
                    self._exchanges.expire(uow, exchange.id)
            post = post_or_refuse(uow, post_id, lock=True)
            post.expire()
            uow.posts.save(post)
            follow_cards(uow, post, now)
            notify(
                uow,
                post.sharer_id,
                "post_expired",
                {"post_id": post_id, "name": post.name, "portions_left": post.portions_left},
                now,
                f"post:{post_id}:expired",
            )
            return True

        return self._each(
            "expire_posts",
            lambda uow: [p.id for p in uow.posts.active_ending_before(now, BATCH) if p.id],
            handle,
        )

    def expire_requests(self) -> SweepReport:
        """Pending requests not answered by the window's end expire, their hold returned."""
        if self._bulk is not None:
            return self._in_bulk("expire_requests", self._bulk.expire_requests)
        now = self._clock.now()
        return self._each(
            "expire_requests",
            lambda uow: [e.id for e in uow.exchanges.pending_ending_by(now, BATCH) if e.id],
            lambda uow, exchange_id: self._exchanges.expire(uow, exchange_id) is not None,
        )

    def auto_complete(self) -> SweepReport:
        """Accepted exchanges nobody disputed within the grace period complete by themselves."""
        now = self._clock.now()
        cutoff = now - self._rules.auto_complete_after

        def handle(uow: UnitOfWork, exchange_id: int) -> bool:
            exchange = exchange_or_refuse(uow, exchange_id, lock=True)
            if exchange.status is not ExchangeStatus.ACCEPTED:
                return False
            self._exchanges.complete(uow, exchange, now)
            withdraw_buttons(uow, exchange, "auto_completed", now, exchange.parties)
            return True

        return self._each(
            "auto_complete",
            lambda uow: [e.id for e in uow.exchanges.accepted_ending_by(cutoff, BATCH) if e.id],
            handle,
        )

    def send_reminders(self) -> SweepReport:
        now = self._clock.now()
        starts_by = now + self._rules.reminder_before_window

        def handle(uow: UnitOfWork, exchange_id: int) -> bool:
            exchange = exchange_or_refuse(uow, exchange_id, lock=True)
            if exchange.reminded_at is not None or exchange.status is not ExchangeStatus.ACCEPTED:
                return False
            exchange.reminded_at = now
            uow.exchanges.save(exchange)
            post = post_or_refuse(uow, exchange.post_id)
            about = {"exchange_id": exchange_id, "name": post.name,
                     "window_start": post.window.start.isoformat(),
                     "window_end": post.window.end.isoformat()}
            # the accepted requester is told the apartment again; the sharer knows it
            apartment = {"apartment": user_or_refuse(uow, exchange.sharer_id).apartment}
            for user_id, payload in ((exchange.requester_id, about | apartment),
                                     (exchange.sharer_id, about)):
                # per window: a pickup moved later is reminded again before the new one
                key = f"exchange:{exchange_id}:reminder:{user_id}:{post.window.start.isoformat()}"
                notify(uow, user_id, "pickup_reminder", payload, now, key)
            return True

        return self._each(
            "send_reminders",
            lambda uow: [
                e.id for e in uow.exchanges.needing_reminder(starts_by, now, BATCH) if e.id
            ],
            handle,
        )

    def ask_about_pickups(self) -> SweepReport:
        """At the window's end, ask both sides whether the pickup happened."""
        now = self._clock.now()

        def handle(uow: UnitOfWork, exchange_id: int) -> bool:
            exchange = exchange_or_refuse(uow, exchange_id, lock=True)
            if (
                exchange.pickup_prompted_at is not None
                or exchange.status is not ExchangeStatus.ACCEPTED
            ):
                return False
            exchange.pickup_prompted_at = now
            uow.exchanges.save(exchange)
            post = post_or_refuse(uow, exchange.post_id)
            for user_id in exchange.parties:
                notify(
                    uow,
                    user_id,
                    "pickup_check",
                    {
                        "exchange_id": exchange_id,
                        "name": post.name,
                        "role": exchange.party(user_id),
                    },
                    now,
                    f"exchange:{exchange_id}:pickup_check:{user_id}",
                )
            return True

        return self._each(
            "ask_about_pickups",
            lambda uow: [e.id for e in uow.exchanges.needing_pickup_prompt(now, BATCH) if e.id],
            handle,
        )

    def clean_sessions(self) -> SweepReport:
        now = self._clock.now()
        return SweepReport(
            "clean_sessions",
            in_transaction(self._uow, lambda uow: uow.sessions.delete_expired(now)),
        )

    def forget_old_update_ids(self) -> SweepReport:
        moment = self._clock.now() - self._rules.update_ids_kept
        forgotten = in_transaction(self._uow, lambda uow: uow.updates.forget_before(moment))
        return SweepReport("forget_old_update_ids", forgotten)

    def run_all(self) -> list[SweepReport]:
        """Every sweep, in an order where each leaves the next less to do."""
        return [
            self.expire_requests(),
            self.expire_posts(),
            self.send_reminders(),
            self.ask_about_pickups(),
            self.auto_complete(),
            self.clean_sessions(),
        ]


def _retrying(expire: Callable[[datetime, int], int], now: datetime, limit: int) -> int:
    """One batch, tried again when it lost a race (a deadlock between two workers, say)."""
    for attempt in range(1, DEFAULT_ATTEMPTS + 1):
        try:
            return expire(now, limit)
        except ConcurrencyConflict:
            if attempt == DEFAULT_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _swap(handle: Callable[[UnitOfWork, int], bool], item_id: int, uow: UnitOfWork) -> bool:
    return handle(uow, item_id)
