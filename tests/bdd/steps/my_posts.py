"""A sharer's own controls: withdrawing and correcting a dish."""

from __future__ import annotations

import html
import re

from pytest_bdd import parsers, step, then

from neighborshare.domain.pickup import parse_window
from neighborshare.domain.values import PickupWindow, parse_allergens, parse_diet_tags
from neighborshare.services.editing import PostChanges
from tests.bdd.steps.people import names
from tests.bdd.steps.posts import moment
from tests.bdd.world import World


def edit(world: World, name: str, dish: str, changes: PostChanges) -> None:
    service, post_id = world.container.post_editing(), world.post_id(dish)
    world.attempt(name, lambda: service.edit(world.id(name), post_id, changes))


@step(parsers.re(r"(?P<name>\w+) withdraws the (?P<dish>\w+)$"))
def withdraws(world: World, name: str, dish: str) -> None:
    service, post_id = world.container.post_editing(), world.post_id(dish)
    world.attempt(name, lambda: service.withdraw(world.id(name), post_id))


@step(parsers.re(r'(?P<name>\w+) renames the (?P<dish>\w+) to "(?P<text>[^"]*)"'))
def renames(world: World, name: str, dish: str, text: str) -> None:
    edit(world, name, dish, PostChanges(name=text))


@step(parsers.re(r'(?P<name>\w+) describes the (?P<dish>\w+) as "(?P<text>[^"]*)"'))
def describes(world: World, name: str, dish: str, text: str) -> None:
    edit(world, name, dish, PostChanges(description=text))


@step(parsers.re(r"(?P<name>\w+) changes the (?P<dish>\w+)'s portions to (?P<n>\d+)"))
def changes_portions(world: World, name: str, dish: str, n: str) -> None:
    edit(world, name, dish, PostChanges(portions=int(n)))


@step(parsers.re(r"(?P<name>\w+) changes the (?P<dish>\w+)'s allergens to (?P<values>[\w ,]+)"))
def changes_allergens(world: World, name: str, dish: str, values: str) -> None:
    allergens = parse_allergens([] if values == "none" else names(values))
    edit(world, name, dish, PostChanges(allergens=allergens))


@step(parsers.re(r"(?P<name>\w+) changes the (?P<dish>\w+)'s diet to (?P<values>[\w ,]+)"))
def changes_diet(world: World, name: str, dish: str, values: str) -> None:
    tags = parse_diet_tags([] if values == "none" else names(values))
    edit(world, name, dish, PostChanges(diet_tags=tags))


@step(parsers.re(r'(?P<name>\w+) moves the (?P<dish>\w+)\'s pickup to "(?P<text>[^"]+)"'))
def moves_pickup(world: World, name: str, dish: str, text: str) -> None:
    edit(world, name, dish, PostChanges(window=parse_window(text, world.local_now())))


@step(parsers.re(
    r"(?P<name>\w+) moves the (?P<dish>\w+)'s pickup from (?P<start>.+?) until (?P<end>.+)"
))
def moves_pickup_between(world: World, name: str, dish: str, start: str, end: str) -> None:
    window = PickupWindow(moment(world, start), moment(world, end))
    edit(world, name, dish, PostChanges(window=window))


@then(parsers.re(r'the (?P<dish>\w+)\'s pickup is "(?P<text>[^"]+)"'))
def pickup_is(world: World, dish: str, text: str) -> None:
    with world.uow() as uow:
        post = uow.posts.get(world.post_id(dish))
        assert post is not None
    assert post.window == parse_window(text, world.local_now())


@then(parsers.re(r'the (?P<dish>\w+) is described as "(?P<text>[^"]*)"'))
def described_as(world: World, dish: str, text: str) -> None:
    with world.uow() as uow:
        post = uow.posts.get(world.post_id(dish))
        assert post is not None
    assert post.description == text


@then(parsers.parse('{name}\'s message "{text}" offers {label}'))
def message_offers(world: World, name: str, text: str, label: str) -> None:
    world.inbox(name)
    sent = world.container.notifier().to(world.telegram[name])
    found = [m for m in sent if text in html.unescape(re.sub(r"<[^>]+>", "", m.html))]
    assert found, f"{name} was not sent {text!r}"
    shown = [button.label for row in found[-1].buttons for button in row]
    assert any(label in str(button) for button in shown), shown


@step("the alerts about it are queued")
def alerts_queued(world: World) -> None:
    """One drain: the dish's fan-out queues an alert per neighbor, none of them sent yet."""
    assert world.container.notifications().drain().fanned_out >= 1
