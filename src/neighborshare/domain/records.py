"""Records kept beside the core entities: the audit log and the outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(eq=False)
class AuditEntry:
    """Who did what to what, when and why."""

    actor_id: int | None
    action: str
    target_type: str
    target_id: int
    reason: str
    at: datetime
    details: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


@dataclass(eq=False)
class OutboxMessage:
    """A side effect (a notification) written in the same transaction as its cause."""

    recipient_id: int
    kind: str
    payload: dict[str, Any]
    dedupe_key: str
    created_at: datetime
    available_at: datetime
    sent_at: datetime | None = None
    attempts: int = 0
    id: int | None = None
