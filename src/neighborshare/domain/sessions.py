"""A neighbor's conversation with the bot: which flow, which step, what was typed so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any


@dataclass(eq=False)
class ConversationSession:
    telegram_id: int
    flow: str
    step: str
    updated_at: datetime
    expires_at: datetime
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def start(
        cls, telegram_id: int, flow: str, step: str, now: datetime, idle: timedelta
    ) -> ConversationSession:
        return cls(telegram_id, flow, step, now, now + idle, {})

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires_at

    def advance(self, step: str, now: datetime, idle: timedelta, **data: Any) -> None:
        self.step = step
        self.data.update(data)
        self.touch(now, idle)

    def touch(self, now: datetime, idle: timedelta) -> None:
        self.updated_at = now
        self.expires_at = now + idle
