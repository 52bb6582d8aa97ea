"""The mixed workload of bench/bot_throughput.py: 40 sharers and 160 neighbors who browse."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update

from neighborshare.adapters.telegram.neighbors import Neighbor, OfflineNeighbors
from neighborshare.domain.values import Location
from neighborshare.services.users import Registration

SHARERS = 40
BROWSERS = 160
CENTRE = (51.5115, -0.1235)


def seed_neighbors(container: Any, neighbors: OfflineNeighbors) -> None:
    """200 onboarded neighbors within about 300 m of one another."""
    users, auth = container.users(), container.auth()
    for index in range(SHARERS + BROWSERS):
        person = neighbors.neighbor(f"n{index}")
        spot = Location(CENTRE[0] + (index % 20) * 0.0001, CENTRE[1] + (index // 20) * 0.0002)
        phone = auth.hash(f"+44770090{index:04d}")
        users.register(Registration(person.telegram_id, f"N{index}", phone, str(index), spot))


class Workload:
    def __init__(
        self,
        neighbors: OfflineNeighbors,
        handle: Callable[[Update], Awaitable[None]],
        concurrency: int,
    ) -> None:
        self._n = neighbors
        self._handle = handle
        self._gate = asyncio.Semaphore(concurrency)
        self.sharers = [neighbors.neighbor(f"n{i}") for i in range(SHARERS)]
        self.browsers = [neighbors.neighbor(f"n{i}") for i in range(SHARERS, SHARERS + BROWSERS)]

    def rounds(self) -> list[tuple[str, Callable[[], Awaitable[None]]]]:
        return [
            ("share flow (40 neighbors)", lambda: self._each(self.sharers, self._share)),
            ("browse + request (160)", lambda: self._each(self.browsers, self._browse_and_request)),
            ("/mine + accept (40)", lambda: self._each(self.sharers, self._accept_all)),
        ]

    async def _each(self, people: list[Neighbor], script: Callable[[Neighbor], Any]) -> None:
        await asyncio.gather(*(script(person) for person in people))

    async def _send(self, make: Callable[[], Update]) -> bool:
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
        for label in ("Skip", "4", "Done", "Done", "Next 2 hours", "Publish"):
            await self._send(lambda label=label: n.tap(who, label))

    async def _browse_and_request(self, who: Neighbor) -> None:
        n = self._n
        await self._send(lambda: n.text(who, "/browse"))
        await self._send(lambda: self._request_card(who))
        await self._send(lambda: n.tap(who, "1"))

    def _request_card(self, who: Neighbor) -> Update:
        """Tap Request on one of the cards, spread by neighbor so they don't all pick one."""
        cards = [m for m in self._n.api.messages(who.telegram_id)
                 if any("Request" in label for row in m.labels for label in row)]
        card = cards[-1 - who.telegram_id % min(len(cards), 5)]
        return self._n.callback(who, card, card.buttons[0][0]["callback_data"])

    async def _accept_all(self, who: Neighbor) -> None:
        n = self._n
        await self._send(lambda: n.text(who, "/mine"))
        while await self._send(lambda: n.tap(who, "Accept")):
            pass
