"""The data mapper for ratings, credits, reports, audit entries, outbox rows and sessions."""

from __future__ import annotations

from dataclasses import fields
from functools import cache
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


@cache
def field_names(kind: Any) -> tuple[str, ...]:
    return tuple(field.name for field in fields(kind))


def values_of(entity: Any) -> dict[str, Any]:
    """Column values for a flat dataclass entity (its id excluded; enums as their values).

    The values are the entity's own, not copies (dataclasses.asdict deep-copies every one):
    they are only bound to the statement, and JSON columns serialize them as it runs.
    """
    kind: type = type(entity)
    values = {name: getattr(entity, name) for name in field_names(kind) if name != "id"}
    for name in ENUMS.get(kind, ()):
        values[name] = values[name].value
    return values


def entity_from(kind: type, row: Row) -> Any:
    """A flat dataclass entity of ``kind`` from a row with one column per field."""
    values = {name: getattr(row, name) for name in field_names(kind)}
    for name, enum in ENUMS.get(kind, {}).items():
        values[name] = enum(values[name])
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
