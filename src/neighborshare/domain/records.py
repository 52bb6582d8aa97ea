"""Records kept beside the core entities: the audit log, the outbox and chat cards."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from neighborshare.domain.sending import MAX_REFUSALS, deferral, refusal_backoff, send_class

REASON_LENGTH = 500
CARD_EDIT = "card_edit"  # the outbox kind of an edit of a chat card (ChatCard)
GROUP_ANNOUNCEMENT = "group_announcement"  # a new dish's card sent to a community group


def alert_key_prefix(post_id: int) -> str:
    """What the dedupe key of every neighbor's new-dish alert of ``post_id`` starts with."""
    return f"post:{post_id}:alert:"


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


@dataclass(frozen=True, slots=True)
class ChatCard:
    """A dish's card in a chat, kept to edit it: one a neighbor posted with inline mode, or a
    community group's announcement (``chat_id`` and ``message_id``; its key is then
    "chat_id:message_id", as it has no inline_message_id)."""

    inline_message_id: str
    post_id: int
    language: str | None = None  # the card's language: its edits keep it
    chat_id: int | None = None
    message_id: int | None = None

    @classmethod
    def in_group(cls, chat_id: int, message_id: int, post_id: int, language: str) -> ChatCard:
        return cls(f"{chat_id}:{message_id}", post_id, language, chat_id, message_id)

    def edit_payload(self) -> dict[str, object]:
        """What an outbox row of kind ``card_edit`` says of the card to edit."""
        where: dict[str, object] = {"inline_message_id": self.inline_message_id}
        if self.chat_id is not None and self.message_id is not None:
            where = {"chat_id": self.chat_id, "message_id": self.message_id}
        return {"post_id": self.post_id, "language": self.language, **where}


@dataclass(frozen=True, slots=True)
class QueueDepth:
    """The outbox's rows of one send class not sent and not failed."""

    send_class: int
    queued: int  # due now or later
    due: int  # due now
    oldest_due: datetime | None  # the due time of the longest-waiting due row


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
    priority: int = -1  # a SendClass; -1: from the kind
    refusals: int = 0  # times Telegram refused it for good
    failed_at: datetime | None = None  # refused too often: kept for an operator
    last_error: str | None = None  # Telegram's latest reason

    def __post_init__(self) -> None:
        if self.priority < 0:
            self.priority = int(send_class(self.kind))

    def refused(self, reason: str, now: datetime) -> None:
        """Telegram refused it for good: tried again later, or failed after MAX_REFUSALS."""
        self.refusals += 1
        self.last_error = reason[:REASON_LENGTH]
        if self.refusals >= MAX_REFUSALS:
            self.failed_at = now
        else:
            self.available_at = now + refusal_backoff(self.refusals)

    def deferred(self, reason: str, now: datetime, seconds: float | None = None) -> None:
        """Not sent for a passing reason (Telegram busy, the network): tried again soon."""
        self.last_error = reason[:REASON_LENGTH]
        self.available_at = now + deferral(seconds, self.attempts)

    def retried(self, now: datetime) -> None:
        """An operator asked for another try of a failed message."""
        self.failed_at, self.refusals, self.available_at = None, 0, now
