"""Moderator actions: triaging reports and acting on neighbors, posts and credits, audited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from neighborshare.domain import credits
from neighborshare.domain.errors import ConflictOfInterest, InvalidInput, NotFound
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.records import AuditEntry
from neighborshare.domain.reports import ModerationAction, Report, ReportStatus
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import Role, User
from neighborshare.ports.services import Clock, TaskQueue
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.cards import follow_cards
from neighborshare.services.closing import step_back_from_sharing
from neighborshare.services.common import moderator_or_refuse, post_or_refuse, user_or_refuse
from neighborshare.services.ledger import record
from neighborshare.services.transactions import in_transaction, notify, read_only
from neighborshare.services.withdrawal import withdraw_open_exchanges


@dataclass(frozen=True, slots=True)
class Resolution:
    action: ModerationAction
    note: str
    days: int | None = None
    amount: int | None = None


class ModerationService:
    def __init__(
        self, uow_factory: UnitOfWorkFactory, clock: Clock, tasks: TaskQueue, rules: Rules
    ) -> None:
        self._rules = rules
        self._uow = uow_factory
        self._clock = clock
        self._tasks = tasks

    def _act(self, moderator_id: int, work: Any) -> Any:
        def wrapped(uow: UnitOfWork) -> Any:
            moderator_or_refuse(uow, moderator_id)
            return work(uow, self._clock.now())

        result = in_transaction(self._uow, wrapped)
        self._tasks.enqueue("drain_outbox")
        return result

    # -- reports ---------------------------------------------------------------------------

    def claim(self, moderator_id: int, report_id: int) -> Report:
        def work(uow: UnitOfWork, now: datetime) -> Report:
            report = _report(uow, report_id)
            report.claim(moderator_id)
            uow.reports.save(report)
            _audit(uow, moderator_id, "claim-report", "report", report_id, "", now)
            return report

        return self._act(moderator_id, work)  # type: ignore[no-any-return]

    def resolve(self, moderator_id: int, report_id: int, resolution: Resolution) -> Report:
        note = _reason(resolution.note, required=False)

        def work(uow: UnitOfWork, now: datetime) -> Report:
            report = _report(uow, report_id)
            report.close(moderator_id, ReportStatus.RESOLVED, resolution.action.value, note, now)
            uow.reports.save(report)
            self._apply(uow, moderator_id, report, resolution, note, now)
            _audit(
                uow,
                moderator_id,
                f"resolve-report:{resolution.action.value}",
                "report",
                report_id,
                note,
                now,
                days=resolution.days,
                amount=resolution.amount,
            )
            if report.reporter_id is not None:
                notify(
                    uow,
                    report.reporter_id,
                    "report_closed",
                    {"report_id": report_id, "outcome": "resolved"},
                    now,
                    f"report:{report_id}:closed",
                )
            return report

        return self._act(moderator_id, work)  # type: ignore[no-any-return]

    def dismiss(self, moderator_id: int, report_id: int, note: str) -> Report:
        note = _reason(note, required=False)

        def work(uow: UnitOfWork, now: datetime) -> Report:
            report = _report(uow, report_id)
            report.close(moderator_id, ReportStatus.DISMISSED, "dismissed", note, now)
            uow.reports.save(report)
            _audit(uow, moderator_id, "dismiss-report", "report", report_id, note, now)
            if report.reporter_id is not None:
                notify(
                    uow,
                    report.reporter_id,
                    "report_closed",
                    {"report_id": report_id, "outcome": "dismissed"},
                    now,
                    f"report:{report_id}:closed",
                )
            return report

        return self._act(moderator_id, work)  # type: ignore[no-any-return]

    def _apply(
        self,
        uow: UnitOfWork,
        moderator_id: int,
        report: Report,
        resolution: Resolution,
        note: str,
        now: datetime,
    ) -> None:
        action = resolution.action
        if action is ModerationAction.WARN:
            notify(
                uow, report.reported_id, "warned", {"note": note}, now, f"report:{report.id}:warned"
            )
        elif action is ModerationAction.HIDE_POST:
            if report.post_id is None:
                raise InvalidInput("report_not_about_post")
            _hide(uow, post_or_refuse(uow, report.post_id, lock=True), self._rules, now)
        elif action is ModerationAction.SUSPEND:
            _suspend(uow, user_or_refuse(uow, report.reported_id, lock=True), resolution.days,
                     self._rules, now)
        elif action is ModerationAction.BAN:
            _ban(uow, user_or_refuse(uow, report.reported_id, lock=True), self._rules, now)
        elif action is ModerationAction.ADJUST_CREDITS:
            if not resolution.amount:
                raise InvalidInput("adjust_amount_missing")
            _adjust(uow, moderator_id, report.reported_id, resolution.amount, note or "report", now)

    # -- neighbors, posts, credits ---------------------------------------------------------

    def suspend_user(self, moderator_id: int, user_id: int, days: int | None, reason: str) -> User:
        return self._on_user(
            moderator_id,
            user_id,
            "suspend",
            reason,
            lambda uow, user, now: _suspend(uow, user, days, self._rules, now),
            days=days,
        )

    def unsuspend_user(self, moderator_id: int, user_id: int, reason: str) -> User:
        def lift(uow: UnitOfWork, user: User, now: datetime) -> None:
            user.unsuspend()
            uow.users.save(user)
            for post in uow.posts.by_sharer(user.id or 0, limit=100):
                follow_cards(uow, post, now, ":back")  # the cards offer the unexpired dishes
            notify(
                uow,
                user.id or 0,
                "account_restored",
                {},
                now,
                f"user:{user.id}:restored:{now.isoformat()}",
            )

        return self._on_user(moderator_id, user_id, "unsuspend", reason, lift)

    def ban_user(self, moderator_id: int, user_id: int, reason: str) -> User:
        return self._on_user(
            moderator_id, user_id, "ban", reason,
            lambda uow, user, now: _ban(uow, user, self._rules, now),
        )

    def set_role(self, moderator_id: int, user_id: int, role: Role, reason: str) -> User:
        def change(uow: UnitOfWork, user: User, now: datetime) -> None:
            user.role = role
            uow.users.save(user)
            notify(uow, user.id or 0, "role_changed", {"role": role.value}, now, _key(user, now))

        action = "promote" if role is Role.MODERATOR else "demote"
        return self._on_user(moderator_id, user_id, action, reason, change)

    def adjust_credits(self, moderator_id: int, user_id: int, amount: int, reason: str) -> User:
        if amount == 0:
            raise InvalidInput("adjust_by_zero")
        reason = _reason(reason, required=True)
        return self._on_user(
            moderator_id,
            user_id,
            "adjust-credits",
            reason,
            lambda uow, user, now: _adjust(uow, moderator_id, user_id, amount, reason, now),
            amount=amount,
        )

    def _on_user(
        self, moderator_id: int, user_id: int, action: str, reason: str, change: Any, **details: Any
    ) -> User:
        reason = _reason(reason, required=False)

        def work(uow: UnitOfWork, now: datetime) -> User:
            if user_id == moderator_id:
                raise ConflictOfInterest("own_account")
            user = user_or_refuse(uow, user_id, lock=True)
            change(uow, user, now)
            _audit(uow, moderator_id, action, "user", user_id, reason, now, **details)
            return user_or_refuse(uow, user_id)

        return self._act(moderator_id, work)  # type: ignore[no-any-return]

    def set_post_hidden(
        self, moderator_id: int, post_id: int, hidden: bool, reason: str
    ) -> FoodPost:
        reason = _reason(reason, required=False)

        def work(uow: UnitOfWork, now: datetime) -> FoodPost:
            post = post_or_refuse(uow, post_id, lock=True)
            if post.sharer_id == moderator_id:
                raise ConflictOfInterest("moderate_own_post")
            if hidden:
                _hide(uow, post, self._rules, now)
            else:
                post.unhide(now)
                uow.posts.save(post)
                follow_cards(uow, post, now)
                payload = {"post_id": post.id, "name": post.name, "status": post.status.value}
                key = f"post:{post.id}:restored:{now.isoformat()}"
                notify(uow, post.sharer_id, "post_restored", payload, now, key)
            _audit(
                uow,
                moderator_id,
                "hide-post" if hidden else "unhide-post",
                "post",
                post_id,
                reason,
                now,
            )
            return post

        return self._act(moderator_id, work)  # type: ignore[no-any-return]

    def audit_log(self, limit: int = 50, actor_id: int | None = None) -> list[AuditEntry]:
        return read_only(self._uow, lambda uow: uow.audit.latest(limit, actor_id))


def _key(user: User, now: datetime) -> str:
    return f"user:{user.id}:role:{user.role.value}:{now.isoformat()}"


def _report(uow: UnitOfWork, report_id: int) -> Report:
    report = uow.reports.get_for_update(report_id)
    if report is None:
        raise NotFound("no_such_report", report=report_id)
    return report


def _reason(text: str, required: bool) -> str:
    text = " ".join(text.split())
    if required and not text:
        raise InvalidInput("reason_missing")
    if len(text) > 500:
        raise InvalidInput("reason_too_long", limit=500)
    return text


def _audit(
    uow: UnitOfWork,
    actor_id: int,
    action: str,
    target_type: str,
    target_id: int,
    reason: str,
    now: datetime,
    **details: Any,
) -> None:
    clean = {k: v for k, v in details.items() if v is not None}
    uow.audit.add(AuditEntry(actor_id, action, target_type, target_id, reason, now, clean))


def _hide(uow: UnitOfWork, post: FoodPost, rules: Rules, now: datetime) -> None:
    post.hide()
    withdraw_open_exchanges(uow, post, rules, now)
    notify(
        uow,
        post.sharer_id,
        "post_hidden",
        {"post_id": post.id, "name": post.name, "reason": "moderator"},
        now,
        f"post:{post.id}:hidden:{now.isoformat()}",
    )


def _suspend(
    uow: UnitOfWork, user: User, days: int | None, rules: Rules, now: datetime
) -> None:
    if days is not None and not 1 <= days <= 3650:
        raise InvalidInput("suspension_days", maximum=3650)
    user.suspend(now + timedelta(days=days) if days else None)
    uow.users.save(user)
    step_back_from_sharing(uow, user.id or 0, rules, now)
    notify(
        uow,
        user.id or 0,
        "account_suspended",
        {"days": days, "reason": "moderator"},
        now,
        f"user:{user.id}:suspended:{now.isoformat()}",
    )


def _ban(uow: UnitOfWork, user: User, rules: Rules, now: datetime) -> None:
    user.ban()
    uow.users.save(user)
    step_back_from_sharing(uow, user.id or 0, rules, now)
    notify(uow, user.id or 0, "account_banned", {}, now, f"user:{user.id}:banned")


def _adjust(
    uow: UnitOfWork, moderator_id: int, user_id: int, amount: int, reason: str, now: datetime
) -> None:
    user = user_or_refuse(uow, user_id, lock=True)
    if user.balance + amount < 0:  # said to the moderator, not as a neighbor's "earn more"
        raise InvalidInput("adjust_below_zero", cost=-amount, balance=user.balance)
    key = f"adjust:{uuid.uuid4().hex}"
    record(uow, user, credits.adjustment(user_id, amount, reason, key, now))
    notify(uow, user_id, "credits_adjusted", {"amount": amount, "reason": reason}, now, key)
