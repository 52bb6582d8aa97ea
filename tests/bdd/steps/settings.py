"""A neighbor's own settings: alert radius, quiet hours, digests and language."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pytest_bdd import given, parsers, then, when

from neighborshare.domain.preferences import settings_of
from tests.bdd.world import World


def change(world: World, name: str, **fields: Any) -> None:
    """What /settings does: the neighbor's settings as they are, with ``fields`` changed."""
    settings = replace(settings_of(world.user(name)), **fields)
    users = world.container.users()
    world.attempt(name, lambda: users.update_settings(world.telegram[name], settings))


def minute(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


@given(parsers.parse("{name} set the alert radius to {metres:d} m"))
@when(parsers.parse("{name} sets the alert radius to {metres:d} m"))
def radius(world: World, name: str, metres: int) -> None:
    change(world, name, alert_radius_m=metres)


@given(parsers.parse("{name} set the alert radius back to the default"))
def default_radius(world: World, name: str) -> None:
    change(world, name, alert_radius_m=None)


@given(parsers.parse("{name} chose quiet hours from {start} to {end}"))
@when(parsers.parse("{name} chooses quiet hours from {start} to {end}"))
def quiet_hours(world: World, name: str, start: str, end: str) -> None:
    change(world, name, quiet_start_minute=minute(start), quiet_end_minute=minute(end))


@given(parsers.parse("{name} turned quiet hours off"))
def no_quiet_hours(world: World, name: str) -> None:
    change(world, name, quiet_start_minute=0, quiet_end_minute=0)


@given(parsers.re(r"(?P<name>\w+) turned off the (?P<which>daily|weekly) digest"))
def digest_off(world: World, name: str, which: str) -> None:
    change(world, name, **{f"{which}_digest": False})


@when(parsers.parse('{name} chooses the language "{language}"'))
def language(world: World, name: str, language: str) -> None:
    change(world, name, language=language)


@when("the weekly digest goes out")
def weekly_digest(world: World) -> None:
    world.results["digests"] = world.container.digests().send_weekly()


@then(parsers.parse("{name}'s settings are still a {metres:d} m radius with the usual quiet hours"))
def settings_unchanged(world: World, name: str, metres: int) -> None:
    settings = settings_of(world.user(name))
    assert settings.alert_radius_m == metres
    assert (settings.quiet_start_minute, settings.quiet_end_minute, settings.language) == (
        None, None, None)
