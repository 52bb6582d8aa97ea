"""The state one scenario builds up: the container, the clock, and who and what was named."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import Container
from neighborshare.domain.errors import NeighborShareError
from neighborshare.domain.users import User
from neighborshare.domain.values import METRES_PER_DEGREE_LAT, Location
from neighborshare.ports.unit_of_work import UnitOfWork

T = TypeVar("T")

START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)  # a Monday, 10:00 in London (BST)
CENTRE = Location(51.5074, -0.1278)
_TAGS = re.compile(r"<[^>]+>")


def offset(origin: Location, metres: float, direction: str) -> Location:
    """The point ``metres`` north, south, east or west of ``origin``."""
    dlat = metres / METRES_PER_DEGREE_LAT
    dlon = metres / (METRES_PER_DEGREE_LAT * math.cos(math.radians(origin.latitude)))
    moves = {"north": (dlat, 0), "south": (-dlat, 0), "east": (0, dlon), "west": (0, -dlon)}
    dy, dx = moves[direction]
    return Location(origin.latitude + dy, origin.longitude + dx)


@dataclass
class Refusal:
    actor: str
    error: NeighborShareError


@dataclass
class World:
    container: Container
    clock: FixedClock
    people: dict[str, int] = field(default_factory=dict)  # name -> user id
    telegram: dict[str, int] = field(default_factory=dict)  # name -> telegram id
    dishes: dict[str, int] = field(default_factory=dict)  # dish -> post id
    exchanges: list[tuple[str, str, int]] = field(default_factory=list)  # requester, dish, id
    reports: list[tuple[str, int]] = field(default_factory=list)  # reporter, report id
    refusals: list[Refusal] = field(default_factory=list)
    phase: str = "given"
    results: dict[str, Any] = field(default_factory=dict)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.container.rules().time_zone)

    def local_now(self) -> datetime:
        return self.clock.now().astimezone(self.tz)

    def set_local_time(self, clock: time) -> None:
        today = self.local_now().date()
        self.clock.set(datetime.combine(today, clock, tzinfo=self.tz).astimezone(UTC))

    def attempt(self, actor: str, action: Callable[[], T]) -> T | None:
        """Run a neighbor's action; in a When step a refusal is kept for a Then to check."""
        try:
            return action()
        except NeighborShareError as error:
            if self.phase != "when":
                raise
            self.refusals.append(Refusal(actor, error))
            return None

    def take_refusal(self, actor: str) -> NeighborShareError:
        for refusal in self.refusals:
            if refusal.actor == actor:
                self.refusals.remove(refusal)
                return refusal.error
        raise AssertionError(f"{actor} was not refused anything; refusals: {self.refusals}")

    def id(self, name: str) -> int:
        assert name in self.people, f"{name} is not a neighbor in this scenario"
        return self.people[name]

    def user(self, name: str) -> User:
        with self.uow() as uow:
            user = uow.users.get(self.id(name))
            assert user is not None
            return user

    def post_id(self, dish: str) -> int:
        assert dish in self.dishes, f"nobody shared {dish} in this scenario"
        return self.dishes[dish]

    def exchange_id(self, requester: str, dish: str | None = None) -> int:
        for who, what, exchange_id in reversed(self.exchanges):
            if who == requester and dish in (None, what):
                return exchange_id
        raise AssertionError(f"{requester} has no request{' for ' + dish if dish else ''}")

    def report_id(self, reporter: str) -> int:
        found = [report_id for who, report_id in self.reports if who == reporter]
        assert found, f"{reporter} filed no report"
        return found[-1]

    @contextmanager
    def uow(self) -> Iterator[UnitOfWork]:
        with self.container.uow_factory()() as uow:
            yield uow

    def inbox(self, name: str) -> list[str]:
        """Every message sent to ``name`` so far, as plain text (the outbox drained first)."""
        self.container.notifications().drain_all()
        sent = self.container.notifier().to(self.telegram[name])
        return [html.unescape(_TAGS.sub("", message.html)) for message in sent]

    def sweep(self) -> None:
        self.container.sweeps().run_all()

    def pass_time(self, delta: timedelta) -> None:
        """Move the clock, then run the sweeps once as the worker would (they catch up)."""
        self.clock.advance(delta)
        self.sweep()
