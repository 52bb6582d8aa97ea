"""Sharing dishes and browsing what is nearby."""

from __future__ import annotations

import re
from datetime import timedelta

from pytest_bdd import given, parsers, step, then

from neighborshare.domain.pickup import parse_window
from neighborshare.domain.values import PickupWindow, parse_allergens, parse_diet_tags
from neighborshare.services.food import Dish
from tests.bdd.steps.people import names
from tests.bdd.world import World

_OPTIONS = re.compile(
    r"(?: containing (?P<allergens>[\w ,]+?))?(?: tagged (?P<tags>[\w ,]+?))?"
    r'(?: described as "(?P<description>[^"]*)")?'
    r'(?: for pickup "(?P<text>[^"]+)"| for pickup from (?P<start>.+?) until (?P<end>.+))?$'
)
_OFFSET = re.compile(r"(?:(?P<n>\d+) (?P<unit>minute|hour)s? (?P<way>ago|from now)|now)")


def moment(world: World, text: str):
    """ "now", "10 minutes ago", "49 hours from now" as a datetime."""
    match = _OFFSET.fullmatch(text)
    assert match, f"can't read the moment {text!r}"
    if text == "now":
        return world.clock.now()
    delta = timedelta(**{match["unit"] + "s": int(match["n"])})
    return world.clock.now() + (delta if match["way"] == "from now" else -delta)


def window_from(world: World, options: re.Match[str]) -> PickupWindow:
    if options["text"]:
        return parse_window(options["text"], world.local_now())
    if options["start"]:
        return PickupWindow(moment(world, options["start"]), moment(world, options["end"]))
    return PickupWindow(world.clock.now(), world.clock.now() + timedelta(hours=2))


def share(world: World, name: str, portions: int, dish: str, rest: str) -> None:
    options = _OPTIONS.fullmatch(rest)
    assert options, f"can't read {rest!r}"

    def publish():
        return world.container.food().share(
            world.id(name),
            Dish(
                name=dish,
                portions=portions,
                window=window_from(world, options),
                allergens=parse_allergens(names(options["allergens"] or "")),
                diet_tags=parse_diet_tags(names(options["tags"] or "")),
                description=options["description"] or "",
            ),
        )

    post = world.attempt(name, publish)
    if post is not None:
        world.dishes[dish] = post.id


@step(
    parsers.re(r"(?P<name>\w+) (?:shared|shares) (?P<n>\d+) portions? of (?P<dish>\w+)(?P<rest>.*)")
)
def shares(world: World, name: str, n: str, dish: str, rest: str) -> None:
    share(world, name, int(n), dish, rest)


@given(parsers.parse("{name} shared one portion each of {dishes}"))
def shared_each(world: World, name: str, dishes: str) -> None:
    for dish in names(dishes):
        share(world, name, 1, dish, "")


@then(parsers.re(r"the (?P<dish>\w+) has (?P<n>\d+) portions? left"))
def portions_left(world: World, dish: str, n: str) -> None:
    with world.uow() as uow:
        post = uow.posts.get(world.post_id(dish))
        assert post is not None
        reserving = [e for e in uow.exchanges.for_post(post.id or 0) if not e.releases_portions]
    assert post.portions_left == int(n)
    assert post.portions_reserved == sum(e.portions for e in reserving)


@then(parsers.re(r"the (?P<dish>\w+) is (?P<status>active|hidden|expired|withdrawn)"))
def post_status(world: World, dish: str, status: str) -> None:
    with world.uow() as uow:
        post = uow.posts.get(world.post_id(dish))
        assert post is not None
    assert post.status.value == status


@then(parsers.parse("{name} has no posts"))
def no_posts(world: World, name: str) -> None:
    assert world.container.food().by_sharer(world.id(name)) == []


@then(parsers.re(r"the (?P<dish>\w+)'s pickup window is (?P<start>\w+ \d\d:\d\d) to "
                 r"(?P<end>\w+ \d\d:\d\d)"))
def pickup_window(world: World, dish: str, start: str, end: str) -> None:
    """ "Mon 23:00 to Tue 01:00", in the neighborhood's time."""
    with world.uow() as uow:
        post = uow.posts.get(world.post_id(dish))
        assert post is not None
    shown = [f"{m.astimezone(world.tz):%a %H:%M}" for m in (post.window.start, post.window.end)]
    assert shown == [start, end]
