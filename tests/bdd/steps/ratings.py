"""Rating the other side of an exchange, and what ratings show and trigger."""

from __future__ import annotations

from pytest_bdd import parsers, step, then

from neighborshare.presentation.formatting import rating
from tests.bdd.world import World


def exchange_between(world: World, one: str, other: str) -> int:
    wanted = {world.id(one), world.id(other)}
    with world.uow() as uow:
        for _, _, exchange_id in reversed(world.exchanges):
            exchange = uow.exchanges.get(exchange_id)
            assert exchange is not None
            if {exchange.requester_id, exchange.sharer_id} == wanted:
                return exchange_id
    raise AssertionError(f"{one} and {other} never exchanged anything")


@step(
    parsers.re(
        r"(?P<rater>\w+) (?:rates|rated) (?P<rated>\w+) (?P<stars>\d) stars?"
        r"(?: and the (?P<dish>\w+) (?P<food>\d) stars?)?"
        r'(?:: "(?P<comment>[^"]*)")?$'
    )
)
def rates(
    world: World, rater: str, rated: str, stars: str, dish: str | None, food: str | None,
    comment: str | None,
) -> None:
    exchange_id = exchange_between(world, rater, rated)
    world.attempt(
        rater,
        lambda: world.container.ratings().rate(
            world.id(rater), exchange_id, int(stars), int(food) if food else None,
            comment or "",
        ),
    )


@then(parsers.parse('{name}\'s rating shows "{text}"'))
def rating_shows(world: World, name: str, text: str) -> None:
    rules = world.container.rules()
    assert rating(world.container.ratings().summary(world.id(name)).shown(rules)) == text
