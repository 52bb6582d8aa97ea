"""Requests and exchanges: request, accept, decline, cancel, pick up, no-show, time passing."""

from __future__ import annotations

from pytest_bdd import given, parsers, step, then, when

from tests.bdd.steps.people import names
from tests.bdd.world import World

_SELF = ("their", "his", "her", "the")
_FOR = r"(?:'s)? (?:request|pickup)(?: for (?P<dish>\w+))?"


def request(world: World, name: str, n: int, dish: str) -> None:
    post_id = world.post_id(dish)
    exchange = world.attempt(
        name, lambda: world.container.exchanges().request(world.id(name), post_id, n)
    )
    if exchange is not None:
        world.exchanges.append((name, dish, exchange.id or 0))


@step(parsers.re(r"(?P<name>\w+) (?:requests|requested) (?P<n>\d+) portions? of (?P<dish>\w+)"))
def requests(world: World, name: str, n: str, dish: str) -> None:
    request(world, name, int(n), dish)


@given(parsers.re(r"(?P<name>\w+) picked up (?P<n>\d+) portions? of (?P<dish>\w+)"))
def picked_up(world: World, name: str, n: str, dish: str) -> None:
    request(world, name, int(n), dish)
    exchange_id = world.exchange_id(name, dish)
    services = world.container.exchanges()
    sharer = services.view(world.id(name), exchange_id).exchange.sharer_id
    services.accept(sharer, exchange_id)
    services.confirm_pickup(world.id(name), exchange_id)


@given(parsers.parse("{people} each picked up a portion of {dish}"))
def each_picked_up(world: World, people: str, dish: str) -> None:
    for name in names(people):
        picked_up(world, name, "1", dish)


def act(world: World, actor: str, owner: str, dish: str | None, verb: str) -> None:
    exchange_id = world.exchange_id(owner, dish)
    method = getattr(world.container.exchanges(), verb)
    world.attempt(actor, lambda: method(world.id(actor), exchange_id))


@step(
    parsers.re(rf"(?P<actor>\w+) (?P<verb>accepts|accepted|declines|declined) (?P<owner>\w+){_FOR}")
)
def answers(world: World, actor: str, verb: str, owner: str, dish: str | None) -> None:
    act(world, actor, owner, dish, "accept" if verb.startswith("accept") else "decline")


@step(parsers.re(rf"(?P<actor>\w+) (?:cancels|cancelled) (?P<owner>\w+){_FOR}"))
def cancels(world: World, actor: str, owner: str, dish: str | None) -> None:
    act(world, actor, actor if owner in _SELF else owner, dish, "cancel")


@step(parsers.re(rf"(?P<actor>\w+) (?:confirms|confirmed) (?P<owner>\w+){_FOR}"))
def confirms(world: World, actor: str, owner: str, dish: str | None) -> None:
    act(world, actor, actor if owner in _SELF else owner, dish, "confirm_pickup")


@step(parsers.re(r"(?P<actor>\w+) marks (?P<owner>\w+) as a no-show(?: for (?P<dish>\w+))?"))
def no_show(world: World, actor: str, owner: str, dish: str | None) -> None:
    act(world, actor, owner, dish, "no_show")


@then(parsers.re(rf"(?P<owner>\w+){_FOR} is (?P<status>[\w-]+)"))
def status_is(world: World, owner: str, dish: str | None, status: str) -> None:
    with world.uow() as uow:
        exchange = uow.exchanges.get(world.exchange_id(owner, dish))
        assert exchange is not None
    assert exchange.status.value == status.replace("-", "_")


@then(parsers.parse("{name} has {count:d} open requests"))
def open_requests(world: World, name: str, count: int) -> None:
    with world.uow() as uow:
        assert uow.exchanges.count_open_by_requester(world.id(name)) == count


@then(
    parsers.re(
        r"(?P<viewer>\w+) (?P<can>can|cannot) see (?P<sharer>\w+)'s apartment"
        r"(?: \"(?P<apt>[^\"]+)\")? in (?P<owner>\w+)'s request"
    )
)
def apartment(
    world: World, viewer: str, can: str, sharer: str, apt: str | None, owner: str
) -> None:
    view = world.container.exchanges().view(world.id(viewer), world.exchange_id(owner))
    assert view.other_name == sharer
    assert view.apartment == (apt if can == "can" else None)


@when(parsers.parse("{viewer} opens {owner}'s request"))
def opens(world: World, viewer: str, owner: str) -> None:
    exchange_id = world.exchange_id(owner)
    world.attempt(viewer, lambda: world.container.exchanges().view(world.id(viewer), exchange_id))
