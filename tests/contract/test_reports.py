"""Contract: the report repository."""

from __future__ import annotations

from datetime import timedelta

from neighborshare.domain.reports import Report, ReportCategory, ReportStatus
from neighborshare.ports.queries import ReportFilter
from tests.contract.builders import NOON, add_users

DAY = timedelta(days=1)


def _reports(uow_factory):
    a, b, c = add_users(uow_factory, 3)
    specs = [
        (a, b, ReportCategory.SPAM, ReportStatus.OPEN, NOON + DAY),
        (c, b, ReportCategory.NO_SHOW, ReportStatus.DISMISSED, NOON),
        (a, c, ReportCategory.SPAM, ReportStatus.IN_REVIEW, NOON + 2 * DAY),
        (None, b, ReportCategory.OTHER, ReportStatus.RESOLVED, NOON + DAY),
    ]
    with uow_factory() as uow:
        ids = [
            uow.reports.add(Report(reported, category, "why", at, reporter, status=status)).id
            for reporter, reported, category, status, at in specs
        ]
        uow.commit()
    return (a, b, c), ids


def test_every_field_survives_a_round_trip(uow_factory):
    (_, _, c), [first, *_] = _reports(uow_factory)
    with uow_factory() as uow:
        report = uow.reports.get_for_update(first)
        report.claim(c)
        report.close(c, ReportStatus.RESOLVED, "warn", "first time", NOON + 3 * DAY)
        report.evidence_ref = "photos/e.jpg"
        uow.reports.save(report)
        uow.commit()
    with uow_factory() as uow:
        loaded = uow.reports.get(first)
    assert (loaded.status, loaded.moderator_id, loaded.resolution) == (
        ReportStatus.RESOLVED, c, "warn",
    )  # fmt: skip
    assert (loaded.note, loaded.resolved_at, loaded.evidence_ref) == (
        "first time", NOON + 3 * DAY, "photos/e.jpg",
    )  # fmt: skip
    assert loaded.category is ReportCategory.SPAM


def test_filtered_is_oldest_first(uow_factory):
    (_, _, c), ids = _reports(uow_factory)
    with uow_factory() as uow:
        assert [r.id for r in uow.reports.filtered(ReportFilter())] == [
            ids[1], ids[0], ids[3], ids[2],
        ]  # fmt: skip
        unhandled = ReportFilter(statuses=("open", "in_review"))
        assert [r.id for r in uow.reports.filtered(unhandled)] == [ids[0], ids[2]]
        spam = ReportFilter(category="spam", reported_id=c)
        assert [r.id for r in uow.reports.filtered(spam)] == [ids[2]]
        early = ReportFilter(created_before=NOON + DAY, limit=5)
        assert [r.id for r in uow.reports.filtered(early)] == [ids[1]]
        assert len(uow.reports.filtered(ReportFilter(limit=2))) == 2


def test_counts_for_limits_and_suspensions(uow_factory):
    (a, b, _), ids = _reports(uow_factory)
    with uow_factory() as uow:
        assert [r.id for r in uow.reports.latest_by_reporter(a, 5)] == [ids[2], ids[0]]
        assert [r.id for r in uow.reports.latest_by_reporter(a, 1)] == [ids[2]]
        assert uow.reports.count_by_reporter_since(a, NOON + DAY) == 2
        assert uow.reports.count_by_reporter_since(a, NOON + 2 * DAY + DAY) == 0
        assert [r.id for r in uow.reports.unhandled_against_since(b, NOON)] == [ids[0]]
        assert uow.reports.count_against(b) == 3
