"""What a moderator reads before acting: report queues, cases and neighbors' histories."""

from __future__ import annotations

from dataclasses import dataclass, field

from neighborshare.domain.errors import NotFound
from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.posts import FoodPost, PostStatus
from neighborshare.domain.ratings import RatingSummary, summarize
from neighborshare.domain.records import AuditEntry
from neighborshare.domain.reports import Report
from neighborshare.domain.users import User
from neighborshare.ports.queries import ReportFilter
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.common import exchange_or_refuse, post_or_refuse, user_or_refuse
from neighborshare.services.transactions import read_only

HISTORY_LENGTH = 10
PRIOR_REPORTS_CAP = 1000


@dataclass(frozen=True, slots=True)
class ReportLine:
    report: Report
    reported_name: str
    prior_reports: int  # reports against the same neighbor filed before this one


@dataclass(frozen=True, slots=True)
class NeighborHistory:
    user: User
    rating: RatingSummary
    exchanges: tuple[ExchangeRequest, ...]
    posts: tuple[FoodPost, ...]
    reports_against: int
    reports_filed: tuple[Report, ...]


@dataclass(frozen=True, slots=True)
class ReportCase:
    report: Report
    reported: NeighborHistory
    reporter: NeighborHistory | None  # None for a report the system raised itself
    post: FoodPost | None = None
    exchange: ExchangeRequest | None = None


@dataclass(frozen=True, slots=True)
class PostRecord:
    post: FoodPost
    sharer_name: str
    exchanges: tuple[ExchangeRequest, ...] = field(default=())


class CaseworkService:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow = uow_factory

    def queue(self, query: ReportFilter) -> list[ReportLine]:
        """Reports matching ``query``, oldest first, with each neighbor's earlier reports."""
        return read_only(
            self._uow, lambda uow: [_line(uow, r) for r in uow.reports.filtered(query)]
        )

    def case(self, report_id: int) -> ReportCase:
        return read_only(self._uow, lambda uow: _case(uow, report_id))

    def neighbor(self, user_id: int) -> NeighborHistory:
        return read_only(self._uow, lambda uow: _history(uow, user_id))

    def find(self, text: str, limit: int = 20) -> list[User]:
        return read_only(self._uow, lambda uow: uow.users.search(text, limit))

    def audit_log(self, limit: int = 50, actor_id: int | None = None) -> list[AuditEntry]:
        return read_only(self._uow, lambda uow: uow.audit.latest(limit, actor_id))

    def posts(self, status: PostStatus | None, limit: int, offset: int = 0) -> list[PostRecord]:
        def work(uow: UnitOfWork) -> list[PostRecord]:
            found = uow.posts.listing(status, limit, offset)
            return [PostRecord(p, _name(uow, p.sharer_id)) for p in found]

        return read_only(self._uow, work)

    def post(self, post_id: int) -> PostRecord:
        def work(uow: UnitOfWork) -> PostRecord:
            post = post_or_refuse(uow, post_id)
            exchanges = tuple(uow.exchanges.for_post(post_id))
            return PostRecord(post, _name(uow, post.sharer_id), exchanges)

        return read_only(self._uow, work)


def _name(uow: UnitOfWork, user_id: int) -> str:
    user = uow.users.get(user_id)
    return user.preferred_name if user else f"#{user_id}"


def _line(uow: UnitOfWork, report: Report) -> ReportLine:
    return ReportLine(report, _name(uow, report.reported_id), _prior(uow, report))


def _prior(uow: UnitOfWork, report: Report) -> int:
    earlier = ReportFilter(
        reported_id=report.reported_id,
        created_before=report.created_at,
        limit=PRIOR_REPORTS_CAP,
    )
    return len(uow.reports.filtered(earlier))


def _history(uow: UnitOfWork, user_id: int) -> NeighborHistory:
    user = user_or_refuse(uow, user_id)
    return NeighborHistory(
        user=user,
        rating=summarize(uow.ratings.received_by(user_id)),
        exchanges=tuple(uow.exchanges.for_user(user_id, HISTORY_LENGTH)),
        posts=tuple(uow.posts.by_sharer(user_id, HISTORY_LENGTH)),
        reports_against=uow.reports.count_against(user_id),
        reports_filed=tuple(uow.reports.latest_by_reporter(user_id, HISTORY_LENGTH)),
    )


def _case(uow: UnitOfWork, report_id: int) -> ReportCase:
    report = uow.reports.get(report_id)
    if report is None:
        raise NotFound("no_such_report", report=report_id)
    reporter = _history(uow, report.reporter_id) if report.reporter_id is not None else None
    post = post_or_refuse(uow, report.post_id) if report.post_id is not None else None
    exchange = None
    if report.exchange_id is not None:
        exchange = exchange_or_refuse(uow, report.exchange_id)
    return ReportCase(report, _history(uow, report.reported_id), reporter, post, exchange)
