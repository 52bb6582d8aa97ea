"""Given: neighbors with profiles, shared dishes and requests, and Telegram's moods."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from pytest_bdd import given, parsers

from neighborshare.domain.users import User
from tests.bot.routines import onboard, request_portions, share
from tests.bot.world import BotWorld


@given(parsers.parse("{name:w} has a profile"))
def has_profile(bot_world: BotWorld, name: str) -> None:
    onboard(bot_world, name.lower())


@given(parsers.parse("{name:w} has a profile as a vegetarian"))
def has_vegetarian_profile(bot_world: BotWorld, name: str) -> None:
    onboard(bot_world, name.lower(), diets=("Vegetarian",))


@given(parsers.parse("{name:w} has a profile and is allergic to {allergen}"))
def has_allergic_profile(bot_world: BotWorld, name: str, allergen: str) -> None:
    onboard(bot_world, name.lower(), allergies=(allergen,))


@given(parsers.parse('{name:w} shared {portions:d} portions of "{dish}" containing {allergen}'))
def shared_with_allergen(
    bot_world: BotWorld, name: str, portions: int, dish: str, allergen: str
) -> None:
    share(bot_world, name.lower(), dish, portions, (allergen,))


@given(parsers.parse('{name:w} shared {portions:d} portions of "{dish}"'))
def shared(bot_world: BotWorld, name: str, portions: int, dish: str) -> None:
    share(bot_world, name.lower(), dish, portions)


@given(parsers.parse('{name:w} asked for {portions:d} portions of "{dish}"'))
def asked_for(bot_world: BotWorld, name: str, portions: int, dish: str) -> None:
    request_portions(bot_world, name.lower(), portions, dish)
    assert "You asked" in bot_world.news_text(name.lower())


@given(parsers.parse("{name:w} accepted"))
def accepted(bot_world: BotWorld, name: str) -> None:
    bot_world.tap(name.lower(), "Accept")


@given(parsers.parse("{name:w} picked up"))
def picked_up(bot_world: BotWorld, name: str) -> None:
    bot_world.tap(name.lower(), "Picked up")



@given(parsers.parse("{name:w} has blocked the bot"))
def blocked_bot(bot_world: BotWorld, name: str) -> None:
    bot_world.api.block(bot_world.chat_id(name.lower()))


@given(parsers.parse("Telegram asks the bot to slow down when messaging {name:w}"))
def throttled(bot_world: BotWorld, name: str) -> None:
    bot_world.api.rate_limit(bot_world.chat_id(name.lower()), retry_after=3, times=2)




@given(parsers.parse("{name:w}'s account is paused by the moderators"))
def paused(bot_world: BotWorld, name: str) -> None:
    _standing(bot_world, name, User.suspend, None)


@given(parsers.parse("{name:w}'s account is closed by the moderators"))
def closed(bot_world: BotWorld, name: str) -> None:
    _standing(bot_world, name, User.ban)


def _standing(bot_world: BotWorld, name: str, change: Callable[..., None], *args: Any) -> None:
    uow_factory = bot_world.bot.container.uow_factory()
    with uow_factory() as uow:
        user = uow.users.get_by_telegram_id(bot_world.chat_id(name.lower()))
        assert user is not None
        change(user, *args)
        uow.users.save(user)
        uow.commit()


@given(parsers.parse("{name:w}'s last 5 reports about {other:w} were dismissed and "
                     "{pronoun:w} filed another today"))
def limited_reporter(bot_world: BotWorld, name: str, other: str, pronoun: str) -> None:
    """A reporter at the daily limit: five dismissed reports, then one still open today."""
    from neighborshare.domain.reports import Report, ReportCategory, ReportStatus

    now = bot_world.clock.now()
    with bot_world.bot.container.uow_factory()() as uow:
        reporter = uow.users.get_by_telegram_id(bot_world.chat_id(name.lower()))
        reported = uow.users.get_by_telegram_id(bot_world.chat_id(other.lower()))
        assert reporter is not None and reported is not None
        for days_ago in (9, 8, 7, 6, 5):
            uow.reports.add(Report(reported.id or 0, ReportCategory.SPAM, "spam",
                                   now - timedelta(days=days_ago), reporter.id,
                                   status=ReportStatus.DISMISSED))
        uow.reports.add(Report(reported.id or 0, ReportCategory.SPAM, "spam", now, reporter.id))
        uow.commit()
