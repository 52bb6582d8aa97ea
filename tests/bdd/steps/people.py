"""Neighbors and moderators: who they are, where they live, what they may eat, their standing."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, then

from neighborshare.domain.users import Role, UserStatus
from neighborshare.domain.values import parse_allergens, parse_diet_tags
from neighborshare.services.users import Registration
from tests.bdd.world import CENTRE, World, offset


def names(text: str) -> list[str]:
    """ "Tom, Ana and Ben" -> ["Tom", "Ana", "Ben"]."""
    return [n for n in re.split(r",\s*|\s+and\s+", text.strip()) if n]


def sign_up(world: World, name: str, phone: str = "", apartment: str = "", where=CENTRE) -> None:
    index = len(world.telegram) + 1
    telegram_id = world.telegram.setdefault(name, 1000 + index)
    auth = world.container.auth()
    world.results[f"phone:{name}"] = phone
    form = Registration(
        telegram_id=telegram_id,
        preferred_name=name,
        phone=auth.hash(auth.normalize(phone or f"+447700900{100 + index:03d}")),
        apartment=apartment or f"{index}A",
        location=where,
    )
    onboarded = world.attempt(name, lambda: world.container.users().register(form))
    if onboarded is not None:
        world.people[name] = onboarded.user.id or 0
        world.results[f"welcome:{name}"] = onboarded.welcome_credits


@given(parsers.parse("{people} are neighbors"))
def neighbors(world: World, people: str) -> None:
    for name in names(people):
        sign_up(world, name)


@given(parsers.re(r"(?P<name>\w+) is a neighbor(?: in apartment (?P<apartment>\S+))?$"))
def neighbor(world: World, name: str, apartment: str | None) -> None:
    sign_up(world, name, apartment=apartment or "")


@given(parsers.parse("{name} is a neighbor {metres:d} m {direction} of the centre"))
def neighbor_at(world: World, name: str, metres: int, direction: str) -> None:
    sign_up(world, name, where=offset(CENTRE, metres, direction))


@given(parsers.parse("{name} is a moderator"))
def moderator(world: World, name: str) -> None:
    sign_up(world, name)
    with world.uow() as uow:
        user = uow.users.get(world.id(name))
        assert user is not None
        user.role = Role.MODERATOR
        uow.users.save(user)
        uow.commit()


@given(parsers.re(r"(?P<name>\w+) is (?P<state>suspended|banned)$"))
def standing(world: World, name: str, state: str) -> None:
    with world.uow() as uow:
        user = uow.users.get(world.id(name))
        assert user is not None
        user.ban() if state == "banned" else user.suspend(None)
        uow.users.save(user)
        uow.commit()


@given(parsers.parse("{name} is allergic to {allergens}"))
def allergic(world: World, name: str, allergens: str) -> None:
    world.container.users().update_preferences(
        world.telegram[name], allergies=parse_allergens(names(allergens))
    )


@given(parsers.parse("{name} eats only {tags} food"))
def diet(world: World, name: str, tags: str) -> None:
    world.container.users().update_preferences(
        world.telegram[name], diet_restrictions=parse_diet_tags(names(tags))
    )


@given(parsers.parse("{name} turned off new-post alerts"))
def alerts_off(world: World, name: str) -> None:
    world.container.users().update_preferences(world.telegram[name], notifications_enabled=False)


@given(parsers.parse("{name} has blocked the bot"))
def blocked(world: World, name: str) -> None:
    world.container.notifier().blocked.add(world.telegram[name])


@then(
    parsers.re(r"(?P<name>\w+) is (?P<state>active|banned|suspended)(?: for (?P<days>\d+) days)?$")
)
def standing_is(world: World, name: str, state: str, days: str | None) -> None:
    user = world.user(name)
    now = world.clock.now()
    if state == "active":
        assert user.is_active(now) and user.status is UserStatus.ACTIVE
        return
    assert user.status.value == state
    if days is not None:
        assert user.suspended_until is not None
        assert round((user.suspended_until - now).total_seconds() / 86400) == int(days)
