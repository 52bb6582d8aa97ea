"""Neighbors reporting a neighbor, a post or an exchange, and what a report triggers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from neighborshare.domain.errors import InvalidInput, NotAllowed, ReportLimitReached
from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.posts import PostStatus
from neighborshare.domain.records import AuditEntry
from neighborshare.domain.reports import (
    Report,
    ReportCategory,
    clean_description,
    reporter_is_limited,
    reports_warrant_suspension,
)
from neighborshare.domain.rules import Rules
from neighborshare.ports.services import Clock, TaskQueue
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.closing import step_back_from_sharing
from neighborshare.services.common import exchange_or_refuse, post_or_refuse, user_or_refuse
from neighborshare.services.transactions import in_transaction, notify, read_only
from neighborshare.services.withdrawal import withdraw_open_exchanges


@dataclass(frozen=True, slots=True)
class ReportForm:
    """Exactly one of post, exchange or user is what is reported."""

    category: ReportCategory
    description: str
    post_id: int | None = None
    exchange_id: int | None = None
    user_id: int | None = None
    evidence_ref: str | None = None


GONE = frozenset({PostStatus.HIDDEN, PostStatus.EXPIRED, PostStatus.WITHDRAWN})
RECENT_EXCHANGES = 50


@dataclass(frozen=True, slots=True)
class Reportable:
    """What a neighbor may name in /report: one of their exchanges (the other side by first
    name, with the dish; never an apartment), or a dish of those gone from /browse (hidden,
    expired or withdrawn)."""

    dish: str
    exchange_id: int | None = None
    other_name: str | None = None
    post_id: int | None = None
    post_status: PostStatus | None = None


class ReportingService:
    def __init__(
        self, uow_factory: UnitOfWorkFactory, clock: Clock, rules: Rules, tasks: TaskQueue
    ) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._rules = rules
        self._tasks = tasks

    def report(self, reporter_id: int, form: ReportForm) -> Report:
        description = clean_description(form.description, self._rules)
        report = in_transaction(
            self._uow, lambda uow: self._report(uow, reporter_id, form, description)
        )
        self._tasks.enqueue("drain_outbox")
        return report

    def reportable(self, reporter_id: int) -> tuple[Reportable, ...]:
        """The neighbor's exchanges of the report period (either side), newest first, then the
        dishes of those, gone from /browse, that they did not share."""

        def work(uow: UnitOfWork) -> tuple[Reportable, ...]:
            since = self._clock.now() - self._rules.report_period
            recent = [e for e in uow.exchanges.for_user(reporter_id, RECENT_EXCHANGES)
                      if e.created_at >= since and e.id is not None]
            return _exchanges_and_gone_dishes(uow, reporter_id, recent)

        return read_only(self._uow, work)

    def _report(
        self, uow: UnitOfWork, reporter_id: int, form: ReportForm, description: str
    ) -> Report:
        now = self._clock.now()
        user_or_refuse(uow, reporter_id)
        self._check_reporter_limit(uow, reporter_id, now)
        reported_id, post_id = self._target(uow, reporter_id, form)
        if reported_id == reporter_id:
            raise NotAllowed("report_yourself")
        report = uow.reports.add(
            Report(
                reported_id=reported_id,
                category=form.category,
                description=description,
                created_at=now,
                reporter_id=reporter_id,
                post_id=post_id,
                exchange_id=form.exchange_id,
                evidence_ref=form.evidence_ref,
            )
        )
        if form.category is ReportCategory.FOOD_SAFETY and post_id is not None:
            self._hide_post_for_safety(uow, post_id, report, now)
        self._maybe_suspend(uow, reported_id, report, now)
        # no "report received" message: the entrypoint that took the report thanks the
        # reporter there and then, once (a second thank-you from the outbox said it twice)
        return report

    def ensure_may_report(self, reporter_id: int) -> None:
        """Refuse a limited reporter at the start of /report, before they describe anything."""
        read_only(self._uow, lambda uow: self._check_reporter_limit(
            uow, reporter_id, self._clock.now()))

    def _check_reporter_limit(self, uow: UnitOfWork, reporter_id: int, now: datetime) -> None:
        # a few more than the streak, since reports still open are skipped
        window = 4 * self._rules.dismissed_streak_to_limit
        latest = uow.reports.latest_by_reporter(reporter_id, window)
        if not reporter_is_limited(latest, self._rules):
            return
        today = uow.reports.count_by_reporter_since(reporter_id, now - timedelta(days=1))
        if today >= self._rules.limited_reports_per_day:
            raise ReportLimitReached()

    def _target(
        self, uow: UnitOfWork, reporter_id: int, form: ReportForm
    ) -> tuple[int, int | None]:
        targets = [t for t in (form.post_id, form.exchange_id, form.user_id) if t is not None]
        if len(targets) != 1:
            raise InvalidInput("report_one_target")
        if form.post_id is not None:
            return post_or_refuse(uow, form.post_id).sharer_id, form.post_id
        if form.exchange_id is not None:
            exchange = exchange_or_refuse(uow, form.exchange_id)
            return exchange.other_party(reporter_id), exchange.post_id
        assert form.user_id is not None
        return user_or_refuse(uow, form.user_id).id or 0, None

    def _hide_post_for_safety(
        self, uow: UnitOfWork, post_id: int, report: Report, now: datetime
    ) -> None:
        post = post_or_refuse(uow, post_id, lock=True)
        post.hide()
        withdraw_open_exchanges(uow, post, self._rules, now)
        uow.audit.add(
            AuditEntry(
                None,
                "hide-post",
                "post",
                post_id,
                "food-safety report",
                now,
                {"report_id": report.id},
            )
        )
        notify(
            uow,
            post.sharer_id,
            "post_hidden",
            {"post_id": post_id, "name": post.name, "reason": "food_safety"},
            now,
            f"post:{post_id}:hidden:{report.id}",
        )

    def _maybe_suspend(self, uow: UnitOfWork, user_id: int, report: Report, now: datetime) -> None:
        recent = uow.reports.unhandled_against_since(user_id, now - self._rules.report_period)
        if not reports_warrant_suspension(recent, self._rules):
            return
        user = user_or_refuse(uow, user_id, lock=True)
        if not user.is_active(now):
            return
        user.suspend(now + self._rules.report_suspension)
        uow.users.save(user)
        step_back_from_sharing(uow, user_id, self._rules, now)
        uow.audit.add(
            AuditEntry(
                None,
                "auto-suspend",
                "user",
                user_id,
                "several reports",
                now,
                {"report_id": report.id},
            )
        )
        notify(
            uow,
            user_id,
            "account_suspended",
            {"days": self._rules.report_suspension.days, "reason": "reports"},
            now,
            f"user:{user_id}:suspended:{report.id}",
        )


def _exchanges_and_gone_dishes(
    uow: UnitOfWork, reporter_id: int, recent: list[ExchangeRequest]
) -> tuple[Reportable, ...]:
    others = uow.users.get_many([e.other_party(reporter_id) for e in recent])
    posts = uow.posts.get_many([e.post_id for e in recent])
    found = [
        Reportable(posts[e.post_id].name, exchange_id=e.id,
                   other_name=others[e.other_party(reporter_id)].first_name)
        for e in recent if e.post_id in posts and e.other_party(reporter_id) in others
    ]
    gone = {e.post_id: posts[e.post_id] for e in recent
            if e.post_id in posts and e.sharer_id != reporter_id}
    found += [Reportable(post.name, post_id=post_id, post_status=post.status)
              for post_id, post in gone.items() if post.status in GONE]
    return tuple(found)
