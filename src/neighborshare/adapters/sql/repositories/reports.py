"""The SQL report repository."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from neighborshare.adapters.sql import record_mapping
from neighborshare.adapters.sql.records import reports
from neighborshare.adapters.sql.repositories.base import SqlRepository
from neighborshare.domain.reports import UNHANDLED, Report
from neighborshare.ports.queries import ReportFilter


class SqlReportRepository(SqlRepository):
    table = reports
    build = staticmethod(record_mapping.report_from)

    def _values(self, entity: Any) -> dict[str, Any]:
        return record_mapping.values_of(entity)

    def add(self, report: Report) -> Report:
        return self._insert(report)  # type: ignore[no-any-return]

    def filtered(self, query: ReportFilter) -> list[Report]:
        statement = self._select()
        if query.statuses:
            statement = statement.where(reports.c.status.in_(query.statuses))
        if query.category is not None:
            statement = statement.where(reports.c.category == query.category)
        if query.reported_id is not None:
            statement = statement.where(reports.c.reported_id == query.reported_id)
        if query.created_before is not None:
            statement = statement.where(reports.c.created_at < query.created_before)
        ordered = statement.order_by(reports.c.created_at, reports.c.id)
        return self._all(ordered.limit(query.limit))

    def latest_by_reporter(self, reporter_id: int, limit: int) -> list[Report]:
        statement = self._select().where(reports.c.reporter_id == reporter_id)
        return self._all(statement.order_by(reports.c.id.desc()).limit(limit))

    def count_by_reporter_since(self, reporter_id: int, since: datetime) -> int:
        return self._count(reports.c.reporter_id == reporter_id, reports.c.created_at >= since)

    def unhandled_against_since(self, user_id: int, since: datetime) -> list[Report]:
        statement = self._select().where(
            reports.c.reported_id == user_id,
            reports.c.status.in_([status.value for status in UNHANDLED]),
            reports.c.created_at >= since,
        )
        return self._all(statement.order_by(reports.c.id))

    def count_against(self, user_id: int) -> int:
        return self._count(reports.c.reported_id == user_id)
