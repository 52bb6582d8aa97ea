"""How the community is doing: exchanges, portions, active neighbors, rates and the report queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from neighborshare.domain.exchanges import ExchangeRequest, ExchangeStatus
from neighborshare.domain.reports import UNHANDLED, Report
from neighborshare.ports.queries import ReportFilter
from neighborshare.ports.services import Clock
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.transactions import read_only

# Upper bounds (in days) of the age buckets of the open-report queue; the last is open-ended.
REPORT_AGE_BUCKETS = ((1, "under 1 day"), (3, "1-3 days"), (7, "3-7 days"))
OLDEST_BUCKET = "over 7 days"
QUEUE_CAP = 10_000
INCLUSIVE = timedelta(seconds=1)  # the repositories' ranges exclude their end; count "now" too
PICKUPS = frozenset({ExchangeStatus.COMPLETED, ExchangeStatus.NO_SHOW})


@dataclass(frozen=True, slots=True)
class CommunityStats:
    period_days: int
    exchanges_by_state: dict[str, int]  # all time
    portions_offered: int  # in posts created during the period
    portions_handed_over: int  # in exchanges completed during the period
    active_neighbors: int  # posted, requested or were asked for food during the period
    completion_rate: float | None  # completed / exchanges closed during the period
    no_show_rate: float | None  # no-shows / (completed + no-shows) during the period
    open_reports_by_age: dict[str, int]


class StatsService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow_factory
        self._clock = clock

    def community(self, period_days: int = 7) -> CommunityStats:
        return read_only(self._uow, lambda uow: self._community(uow, period_days))

    def _community(self, uow: UnitOfWork, days: int) -> CommunityStats:
        now = self._clock.now()
        start, end = now - timedelta(days=days), now + INCLUSIVE
        posts = uow.posts.created_between(start, end)
        closed = uow.exchanges.closed_between(start, end)
        active = {p.sharer_id for p in posts}
        for post in posts:
            active |= {e.requester_id for e in uow.exchanges.for_post(post.id or 0)}
        for exchange in closed:
            active |= {exchange.requester_id, exchange.sharer_id}
        by_state = uow.exchanges.count_by_status()
        return CommunityStats(
            period_days=days,
            exchanges_by_state={s.value: by_state.get(s, 0) for s in ExchangeStatus},
            portions_offered=sum(p.portions for p in posts),
            portions_handed_over=sum(_with(closed, ExchangeStatus.COMPLETED, "portions")),
            active_neighbors=len(active),
            completion_rate=_rate(closed, ExchangeStatus.COMPLETED, closed),
            no_show_rate=_rate(
                closed,
                ExchangeStatus.NO_SHOW,
                [
                    e
                    for e in closed
                    if e.status in (ExchangeStatus.COMPLETED, ExchangeStatus.NO_SHOW)
                ],
            ),
            open_reports_by_age=_by_age(_unhandled(uow), now),
        )


def _with(exchanges: list[ExchangeRequest], status: ExchangeStatus, attr: str) -> list[int]:
    return [int(getattr(e, attr)) for e in exchanges if e.status is status]


def _rate(
    exchanges: list[ExchangeRequest], status: ExchangeStatus, among: list[ExchangeRequest]
) -> float | None:
    if not among:
        return None
    return sum(1 for e in exchanges if e.status is status) / len(among)


def _unhandled(uow: UnitOfWork) -> list[Report]:
    statuses = tuple(s.value for s in UNHANDLED)
    return uow.reports.filtered(ReportFilter(statuses=statuses, limit=QUEUE_CAP))


def _by_age(reports: list[Report], now: datetime) -> dict[str, int]:
    buckets = {label: 0 for _, label in REPORT_AGE_BUCKETS} | {OLDEST_BUCKET: 0}
    for report in reports:
        age = now - report.created_at
        label = next(
            (lbl for days, lbl in REPORT_AGE_BUCKETS if age < timedelta(days=days)), OLDEST_BUCKET
        )
        buckets[label] += 1
    return buckets
