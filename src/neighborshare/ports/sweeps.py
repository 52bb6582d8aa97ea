"""The set-based sweep port: expiring overdue rows a batch at a time, in one transaction each."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class BulkExpiry(Protocol):
    """Each call handles at most ``limit`` overdue rows in ONE transaction and returns how many.

    The same effects as the item-wise sweep: statuses, credit refunds (ledger rows and
    balances), released portions and outbox rows, each keyed so that it happens once. A call
    that fails leaves nothing behind; calling again until it returns 0 finishes the work.
    """

    def expire_requests(self, now: datetime, limit: int) -> int:
        """Pending requests whose post's window ended by ``now``: expired, hold returned."""
        ...

    def expire_posts(self, now: datetime, limit: int) -> int:
        """Active posts whose window ended by ``now`` (their requests already expired)."""
        ...
