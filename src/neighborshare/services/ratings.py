"""Rating the other side of a completed exchange, and what ratings trigger."""

from __future__ import annotations

from datetime import datetime

from neighborshare.domain import ratings
from neighborshare.domain.credits import CreditKind
from neighborshare.domain.errors import AlreadyRated
from neighborshare.domain.ratings import Rating, RatingSummary
from neighborshare.domain.records import AuditEntry
from neighborshare.domain.reports import Report, ReportCategory
from neighborshare.domain.rules import Rules
from neighborshare.ports.services import Clock, TaskQueue
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.closing import step_back_from_sharing
from neighborshare.services.common import exchange_or_refuse, user_or_refuse
from neighborshare.services.ledger import record_exchange_movement
from neighborshare.services.transactions import in_transaction, notify, read_only


class RatingService:
    def __init__(
        self, uow_factory: UnitOfWorkFactory, clock: Clock, rules: Rules, tasks: TaskQueue
    ) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._rules = rules
        self._tasks = tasks

    def rate(
        self,
        rater_id: int,
        exchange_id: int,
        interaction: int,
        food: int | None = None,
        comment: str = "",
    ) -> Rating:
        def work(uow: UnitOfWork) -> Rating:
            now = self._clock.now()
            exchange = exchange_or_refuse(uow, exchange_id, lock=True)
            rating = ratings.new_rating(
                exchange, rater_id, interaction, food, comment, self._rules, now
            )
            if any(r.rater_id == rater_id for r in uow.ratings.for_exchange(exchange_id)):
                raise AlreadyRated()
            uow.ratings.add(rating)
            if food == 5:
                record_exchange_movement(
                    uow, exchange, CreditKind.FIVE_STAR_BONUS, self._rules, now
                )
            self._check_low_ratings(uow, rating.rated_id, now)
            return rating

        rating = in_transaction(self._uow, work)
        self._tasks.enqueue("drain_outbox")
        return rating

    def ensure_may_rate(self, rater_id: int, exchange_id: int) -> None:
        """Refuse before any stars are asked for: not completed, window over, or rated."""

        def work(uow: UnitOfWork) -> None:
            exchange = exchange_or_refuse(uow, exchange_id)
            ratings.ensure_may_rate(exchange, rater_id, self._rules, self._clock.now())
            if any(r.rater_id == rater_id for r in uow.ratings.for_exchange(exchange_id)):
                raise AlreadyRated()

        read_only(self._uow, work)

    def summary(self, user_id: int) -> RatingSummary:
        return read_only(self._uow, lambda uow: ratings.summarize(uow.ratings.received_by(user_id)))

    def pending_for(self, user_id: int) -> list[int]:
        """Completed exchanges this neighbor may still rate."""

        def work(uow: UnitOfWork) -> list[int]:
            now = self._clock.now()
            open_ids = []
            for exchange in uow.exchanges.for_user(user_id, limit=50):
                if exchange.completed_at is None or exchange.id is None:
                    continue
                if now > exchange.completed_at + self._rules.rating_window:
                    continue
                rated = uow.ratings.for_exchange(exchange.id)
                if not any(r.rater_id == user_id for r in rated):
                    open_ids.append(exchange.id)
            return open_ids

        return read_only(self._uow, work)

    def _check_low_ratings(self, uow: UnitOfWork, user_id: int, now: datetime) -> None:
        since = now - self._rules.low_rating_period
        recent = uow.ratings.received_by(user_id, since=since)
        if not ratings.low_ratings_warrant_suspension(recent, self._rules):
            return
        user = user_or_refuse(uow, user_id, lock=True)
        if not user.is_active(now):
            return
        user.suspend(now + self._rules.low_rating_suspension)
        uow.users.save(user)
        step_back_from_sharing(uow, user_id, self._rules, now)
        report = uow.reports.add(
            Report(
                reported_id=user_id,
                category=ReportCategory.OTHER,
                description="Automatic: several low interaction ratings in 30 days.",
                created_at=now,
            )
        )
        uow.audit.add(
            AuditEntry(
                None,
                "auto-suspend",
                "user",
                user_id,
                "low ratings",
                now,
                {
                    "report_id": report.id,
                    "until": user.suspended_until.isoformat() if user.suspended_until else None,
                },
            )
        )
        notify(
            uow,
            user_id,
            "account_suspended",
            {"days": self._rules.low_rating_suspension.days, "reason": "low_ratings"},
            now,
            f"user:{user_id}:suspended:{report.id}",
        )
