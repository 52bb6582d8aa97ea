"""Steps of /settings: sharing while the scenario runs, and what a neighbor's settings store."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from neighborshare.domain.preferences import NeighborSettings, settings_of
from tests.bot.routines import share
from tests.bot.world import BotWorld


@when(parsers.parse('{name:w} shares {portions:d} portions of "{dish}" for pickup "{window}"'))
def shares_for(bot_world: BotWorld, name: str, portions: int, dish: str, window: str) -> None:
    share(bot_world, name.lower(), dish, portions, window=window)


@when(parsers.re(r'(?P<name>\w+) shares (?P<portions>\d+) portions of "(?P<dish>[^"]+)"$'))
def shares(bot_world: BotWorld, name: str, portions: str, dish: str) -> None:
    share(bot_world, name.lower(), dish, int(portions))


def stored(bot_world: BotWorld, name: str) -> NeighborSettings:
    users = bot_world.bot.container.users()
    return settings_of(users.profile(bot_world.chat_id(name.lower())))


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _flag(word: str) -> bool:
    assert word in ("on", "off"), word
    return word == "on"


@then(parsers.re(r"(?P<name>\w+)'s stored (?P<which>new-dish alerts are|morning digest is|"
                 r"weekly digest is) (?P<state>on|off)$"))
def stored_switch(bot_world: BotWorld, name: str, which: str, state: str) -> None:
    settings = stored(bot_world, name)
    value = {"new-dish alerts are": settings.notifications_enabled,
             "morning digest is": settings.daily_digest,
             "weekly digest is": settings.weekly_digest}[which]
    assert value is _flag(state), settings


@then(parsers.parse("{name:w}'s stored alert radius is {metres:d} m"))
def stored_radius(bot_world: BotWorld, name: str, metres: int) -> None:
    assert stored(bot_world, name).alert_radius_m == metres


@then(parsers.parse("{name:w}'s stored alert radius is the default"))
def stored_default_radius(bot_world: BotWorld, name: str) -> None:
    assert stored(bot_world, name).alert_radius_m is None


@then(parsers.re(r"(?P<name>\w+)'s stored quiet hours are "
                 r"(?P<start>\d\d:\d\d)-(?P<end>\d\d:\d\d)$"))
def stored_quiet(bot_world: BotWorld, name: str, start: str, end: str) -> None:
    settings = stored(bot_world, name)
    quiet = (settings.quiet_start_minute, settings.quiet_end_minute)
    assert quiet == (_minutes(start), _minutes(end)), settings


@then(parsers.parse("{name:w}'s stored quiet hours are off"))
def stored_quiet_off(bot_world: BotWorld, name: str) -> None:
    settings = stored(bot_world, name)
    assert settings.quiet_start_minute is not None
    assert settings.quiet_start_minute == settings.quiet_end_minute, settings


@then(parsers.parse("{name:w}'s stored language is {language:w}"))
def stored_language(bot_world: BotWorld, name: str, language: str) -> None:
    assert stored(bot_world, name).language == language


@then(parsers.parse("{name:w} has no stored language"))
def no_stored_language(bot_world: BotWorld, name: str) -> None:
    assert stored(bot_world, name).language is None
