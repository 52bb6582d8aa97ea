"""A small neighborhood on the real services for the in-process drills: neighbors, a dish, an
exchange, and a snapshot of every committed row to prove that a refusal changed nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.memory.store import MemoryStore
from neighborshare.container import Container, memory_container
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration

NOON = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)  # a Monday, noon in London
HOME = Location(51.5115, -0.1235)
WINDOW = PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=3))
# rows that record that something was asked, not what the community's state is
BOOKKEEPING = {"sessions", "processed_updates", "rate_limits"}


class Neighborhood:
    """The memory profile's real services at a fixed time, over one MemoryStore."""

    def __init__(self, clock: FixedClock | None = None, uow_factory: Any = None) -> None:
        """``uow_factory`` puts the services on a database instead (the memory store scans
        every row on each lookup: too slow for hundreds of neighbors)."""
        self.clock = clock or FixedClock(NOON)
        self.store = MemoryStore()
        extra = {} if uow_factory is None else {"uow_factory": uow_factory}
        self.container: Container = memory_container(clock=self.clock, memory_store=self.store,
                                                     **extra)

    def register(self, n: int, location: Location = HOME, name: str | None = None) -> int:
        phone = self.container.auth().hash(f"+4477009{n:05d}")
        form = Registration(9000 + n, name or f"Neighbor {n}", phone, f"{n}B", location)
        user_id = self.container.users().register(form).user.id
        assert user_id is not None
        return user_id

    def share(self, sharer_id: int, portions: int = 3, name: str = "Dal") -> int:
        post = self.container.food().share(sharer_id, Dish(name, portions, WINDOW))
        assert post.id is not None
        return post.id

    def snapshot(self) -> dict[str, str]:
        """Every committed row of the community's state, as text (entities compare by identity,
        their repr shows every field)."""
        with self.store.lock:
            return {name: repr(sorted(rows.items(), key=lambda item: repr(item[0])))
                    for name, rows in self.store.tables.items() if name not in BOOKKEEPING}
