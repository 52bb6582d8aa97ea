"""Time passing (the sweeps run as the worker would) and neighbors acting at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import time, timedelta

from pytest_bdd import given, parsers, when

from neighborshare.domain.errors import NeighborShareError
from tests.bdd.steps.people import names
from tests.bdd.world import Refusal, World


@when(parsers.parse("{people} each request 1 portion of {dish} at the same time"))
def concurrent_requests(world: World, people: str, dish: str) -> None:
    post_id, service = world.post_id(dish), world.container.exchanges()
    crowd = names(people)

    def one(name: str) -> tuple[str, object]:
        try:
            return name, service.request(world.id(name), post_id, 1)
        except NeighborShareError as error:
            return name, error

    with ThreadPoolExecutor(max_workers=len(crowd)) as pool:
        outcomes = list(pool.map(one, crowd))
    for name, outcome in outcomes:
        if isinstance(outcome, NeighborShareError):
            world.refusals.append(Refusal(name, outcome))
        else:
            world.exchanges.append((name, dish, outcome.id))  # type: ignore[attr-defined]


@given(parsers.re(r"it is (?P<hh>\d\d):(?P<mm>\d\d) in the neighborhood"))
def it_is(world: World, hh: str, mm: str) -> None:
    world.set_local_time(time(int(hh), int(mm)))


@when(parsers.re(r"(?P<n>\d+) (?P<unit>minute|hour|day)s? pass(?:es)?"))
def time_passes(world: World, n: str, unit: str) -> None:
    world.pass_time(timedelta(**{unit + "s": int(n)}))


@when(parsers.re(r"the clock reaches (?P<hh>\d\d):(?P<mm>\d\d)"))
def clock_reaches(world: World, hh: str, mm: str) -> None:
    before = world.clock.now()
    world.set_local_time(time(int(hh), int(mm)))
    assert world.clock.now() >= before, "time only moves forward"
    world.sweep()
