"""The mixed workload of bench/bot_throughput.py: neighborhoods of 40 sharers and 160 browsers.

Each neighborhood is 200 neighbors on a 20 x 10 grid (about 210 m x 130 m), the sharers spread
evenly among the browsers; neighborhoods are 5.5 km apart, so nobody sees another's dishes.
Every process of the bench drives its own slice of the neighbors (``Town.people``).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from neighborshare.adapters.telegram.neighbors import Neighbor, Neighbors, OfflineNeighbors
from neighborshare.domain.values import Location
from neighborshare.services.users import Registration

SHARERS = 40
BROWSERS = 160
PORTIONS = "6"  # per dish: 240 in a neighborhood for 160 requests, so few are refused
# after /share and the dish's name: no description, portions, allergens, diets, when, publish
SHARE_TAPS = ("Skip", PORTIONS, "Done", "Done", "Next 2 hours", "Publish")
CENTRE = (51.5115, -0.1235)
NEIGHBORHOOD_SPACING = 0.05  # degrees of latitude, about 5.5 km: beyond every radius


@dataclass(frozen=True)
class Town:
    neighborhoods: int = 1
    sharers: int = SHARERS
    browsers: int = BROWSERS
    first: int = 0  # the index of its first neighborhood: towns with different ones never meet

    def names(self) -> list[tuple[str, Location]]:
        """Every neighbor's name and home, always in the same order."""
        size = self.sharers + self.browsers
        hoods = range(self.first, self.first + self.neighborhoods)
        return [(f"h{h}n{i}", self._home(h, i)) for h in hoods for i in range(size)]

    def people(
        self, neighbors: Neighbors[Any], part: int, parts: int
    ) -> tuple[list[Neighbor], list[Neighbor]]:
        """The sharers and browsers of slice ``part`` of ``parts`` (every parts-th neighbor)."""
        everyone = [neighbors.neighbor(name) for name, _ in self.names()]  # same ids everywhere
        size = self.sharers + self.browsers
        mine = [(index % size, person) for index, person in enumerate(everyone)
                if index % parts == part]
        return ([p for i, p in mine if i < self.sharers],
                [p for i, p in mine if i >= self.sharers])

    def _home(self, neighborhood: int, index: int) -> Location:
        size = self.sharers + self.browsers
        if index < self.sharers:  # sharers spread evenly over the cells
            cell = index * size // self.sharers
        else:
            taken = {s * size // self.sharers for s in range(self.sharers)}
            cell = [c for c in range(size) if c not in taken][index - self.sharers]
        north = _row(neighborhood) * NEIGHBORHOOD_SPACING
        return Location(CENTRE[0] + north + (cell % 20) * 0.0001, CENTRE[1] + (cell // 20) * 0.0002)


def _row(neighborhood: int) -> int:
    """0, 1, -1, 2, -2, ...: neighborhoods alternate north and south of the centre, so that
    seven (a run's and its warm-up's) fit in the 20 km service area."""
    steps = (neighborhood + 1) // 2
    return steps if neighborhood % 2 else -steps


def seed_neighbors(container: Any, neighbors: OfflineNeighbors, town: Town) -> None:
    """Every neighbor of the town, onboarded."""
    users, auth = container.users(), container.auth()
    first = town.first * (town.sharers + town.browsers)  # towns side by side: no shared phone
    for index, (name, home) in enumerate(town.names(), start=first):
        person = neighbors.neighbor(name)
        phone = auth.hash(f"+447{index:08d}")
        users.register(Registration(person.telegram_id, name.upper(), phone, str(index), home))


class Workload:
    """Three rounds: the sharers' /share flow; browse + Request + a portion; /mine + Accept."""

    def __init__(
        self,
        neighbors: Neighbors[Any],  # Update objects, or payloads for the processor
        people: tuple[list[Neighbor], list[Neighbor]],
        handle: Callable[[Any], Awaitable[Any]],
        concurrency: int,
    ) -> None:
        self._n = neighbors
        self._handle = handle
        self._gate = asyncio.Semaphore(concurrency)
        self.sharers, self.browsers = people

    def rounds(self) -> list[Callable[[], Awaitable[None]]]:
        return [
            lambda: self._each(self.sharers, self._share),
            lambda: self._each(self.browsers, self._browse_and_request),
            lambda: self._each(self.sharers, self._accept_all),
        ]

    @staticmethod
    def labels(town: Town) -> list[str]:
        sharers, browsers = town.sharers * town.neighborhoods, town.browsers * town.neighborhoods
        return [f"share flow ({sharers} sharers)", f"browse + request ({browsers} browsers)",
                f"/mine + accept ({sharers} sharers)"]

    async def _each(self, people: list[Neighbor], script: Callable[[Neighbor], Any]) -> None:
        await asyncio.gather(*(script(person) for person in people))

    async def _send(self, make: Callable[[], Any]) -> bool:
        # the update is made inside the gate: a tap needs the bot's previous answer
        async with self._gate:
            try:
                update = make()
            except LookupError:  # e.g. the dish was gone: no portions to choose from
                return False
            await self._handle(update)
            return True

    async def _share(self, who: Neighbor) -> None:
        n = self._n
        await self._send(lambda: n.text(who, "/share"))
        await self._send(lambda: n.text(who, f"Dish of {who.name}"))
        for label in SHARE_TAPS:
            await self._send(functools.partial(n.tap, who, label))

    async def _browse_and_request(self, who: Neighbor) -> None:
        n = self._n
        await self._send(lambda: n.text(who, "/browse"))
        await self._send(lambda: self.request_card(who))
        await self._send(lambda: n.tap(who, "1"))

    def request_card(self, who: Neighbor) -> Any:
        """Tap Request on one of the cards, spread by neighbor so they don't all pick one."""
        cards = [m for m in self._n.api.messages(who.telegram_id)
                 if any("Request" in label for row in m.labels for label in row)]
        if not cards:
            raise LookupError(f"/browse showed {who.name} no dish")
        card = cards[-1 - who.telegram_id % min(len(cards), 5)]
        return self._n.callback(who, card, card.buttons[0][0]["callback_data"])

    async def _accept_all(self, who: Neighbor) -> None:
        n = self._n
        await self._send(lambda: n.text(who, "/mine"))
        while await self._send(lambda: n.tap(who, "Accept")):
            pass
