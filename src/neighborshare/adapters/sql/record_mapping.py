"""The data mapper for ratings, credits, reports, audit entries, outbox rows and sessions."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from neighborshare.adapters.sql.mapping import Row
from neighborshare.domain.credits import CreditKind, CreditTransaction
from neighborshare.domain.ratings import Rating
from neighborshare.domain.records import AuditEntry, OutboxMessage
from neighborshare.domain.reports import Report, ReportCategory, ReportStatus
from neighborshare.domain.sessions import ConversationSession

# Enum-valued fields per entity; everything else maps one field to one column.
ENUMS: dict[type, dict[str, type]] = {
    CreditTransaction: {"kind": CreditKind},
    Report: {"category": ReportCategory, "status": ReportStatus},
}


def values_of(entity: Any) -> dict[str, Any]:
    """Column values for a flat dataclass entity (its id excluded; enums as their values)."""
    values = asdict(entity)
    values.pop("id", None)
    for name in ENUMS.get(type(entity), {}):
        values[name] = values[name].value
    return values


def entity_from(kind: type, row: Row) -> Any:
    """A flat dataclass entity of ``kind`` from a row with one column per field."""
    enums = ENUMS.get(kind, {})
    values = {}
    for field in fields(kind):
        value = getattr(row, field.name)
        values[field.name] = enums[field.name](value) if field.name in enums else value
    return kind(**values)


def rating_from(row: Row) -> Rating:
    return entity_from(Rating, row)  # type: ignore[no-any-return]


def credit_from(row: Row) -> CreditTransaction:
    return entity_from(CreditTransaction, row)  # type: ignore[no-any-return]


def report_from(row: Row) -> Report:
    return entity_from(Report, row)  # type: ignore[no-any-return]


def audit_from(row: Row) -> AuditEntry:
    return entity_from(AuditEntry, row)  # type: ignore[no-any-return]


def outbox_from(row: Row) -> OutboxMessage:
    return entity_from(OutboxMessage, row)  # type: ignore[no-any-return]


def session_from(row: Row) -> ConversationSession:
    return entity_from(ConversationSession, row)  # type: ignore[no-any-return]
