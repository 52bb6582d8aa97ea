"""The exchange request and its state machine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from neighborshare.domain.errors import InvalidTransition, NotAllowed


class ExchangeStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    COMPLETED = "completed"
    NO_SHOW = "no_show"


TRANSITIONS: dict[ExchangeStatus, frozenset[ExchangeStatus]] = {
    ExchangeStatus.PENDING: frozenset(
        {
            ExchangeStatus.ACCEPTED,
            ExchangeStatus.DECLINED,
            ExchangeStatus.CANCELLED,
            ExchangeStatus.EXPIRED,
        }
    ),
    ExchangeStatus.ACCEPTED: frozenset(
        {ExchangeStatus.COMPLETED, ExchangeStatus.CANCELLED, ExchangeStatus.NO_SHOW}
    ),
}

OPEN_STATUSES = frozenset({ExchangeStatus.PENDING, ExchangeStatus.ACCEPTED})
# Portions stay set aside in these states; the others give them back to the post.
RESERVING_STATUSES = frozenset(
    {
        ExchangeStatus.PENDING,
        ExchangeStatus.ACCEPTED,
        ExchangeStatus.COMPLETED,
        ExchangeStatus.NO_SHOW,
    }
)
# Leaving for one of these returns the requester's credit hold.
REFUNDING_STATUSES = frozenset(
    {ExchangeStatus.DECLINED, ExchangeStatus.CANCELLED, ExchangeStatus.EXPIRED}
)



@dataclass(eq=False)
class ExchangeRequest:
    post_id: int
    requester_id: int
    sharer_id: int
    portions: int
    created_at: datetime
    status: ExchangeStatus = ExchangeStatus.PENDING
    responded_at: datetime | None = None
    pickup_confirmed_at: datetime | None = None
    completed_at: datetime | None = None
    closed_at: datetime | None = None
    reminded_at: datetime | None = None
    pickup_prompted_at: datetime | None = None
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def parties(self) -> tuple[int, int]:
        """The requester's and the sharer's user ids."""
        return self.requester_id, self.sharer_id

    def party(self, user_id: int) -> str:
        """'requester' or 'sharer'; refuses anyone else."""
        if user_id == self.requester_id:
            return "requester"
        if user_id == self.sharer_id:
            return "sharer"
        raise NotAllowed("not_your_exchange")

    def other_party(self, user_id: int) -> int:
        self.party(user_id)
        return self.sharer_id if user_id == self.requester_id else self.requester_id

    def requester_may_cancel(self, window_end: datetime, now: datetime) -> bool:
        """Not once an accepted exchange's window is over: the food may have changed hands."""
        return not (self.status is ExchangeStatus.ACCEPTED and now >= window_end)

    def transition(self, target: ExchangeStatus, now: datetime) -> None:
        if target not in TRANSITIONS.get(self.status, frozenset()):
            raise InvalidTransition(f"cannot_become_{target.value}")
        self.status = target
        if target in (ExchangeStatus.ACCEPTED, ExchangeStatus.DECLINED):
            self.responded_at = now
        if target is ExchangeStatus.COMPLETED:
            self.completed_at = now
            self.pickup_confirmed_at = self.pickup_confirmed_at or now
        if target not in OPEN_STATUSES:
            self.closed_at = now

    @property
    def releases_portions(self) -> bool:
        return self.status not in RESERVING_STATUSES

    @property
    def refunds_hold(self) -> bool:
        return self.status in REFUNDING_STATUSES
