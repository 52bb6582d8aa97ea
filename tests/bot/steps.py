"""The step vocabulary of the bot features: neighbors typing, tapping and reading."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from PIL import Image
from pytest_bdd import given, parsers, then, when

from neighborshare.entrypoints.bot.script import sample_photo
from tests.bot.world import HOME, BotWorld

UNITS = {"minute": "minutes", "hour": "hours", "day": "days"}


# -- arranging ---------------------------------------------------------------------------------


def onboard(
    world: BotWorld, name: str, diets: tuple[str, ...] = (), allergies: tuple[str, ...] = ()
) -> None:
    lat, lon = HOME.get(name, (51.5074, -0.1278))
    world.say(name, "/start")
    world.say(name, name.capitalize())
    world.act(name, lambda n, who: n.contact(who))
    world.say(name, "12")
    world.act(name, lambda n, who: n.location(who, lat, lon))
    for diet in diets:
        world.tap(name, diet)
    world.tap(name, "Done")
    for allergen in allergies:
        world.tap(name, allergen)
    world.tap(name, "Done")
    world.tap(name, "Skip")
    assert "You're all set" in world.news_text(name), world.news_text(name)


def share(
    world: BotWorld, name: str, dish: str, portions: int, allergens: tuple[str, ...] = ()
) -> None:
    world.say(name, "/share")
    world.say(name, dish)
    world.tap(name, "Skip")
    world.say(name, str(portions))
    for allergen in allergens:
        world.tap(name, allergen)
    world.tap(name, "Done")
    world.tap(name, "Done")
    world.tap(name, "Next 2 hours")
    world.tap(name, "Publish")
    assert "is live" in world.news_text(name), world.news_text(name)


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
    requested(bot_world, name, portions, dish)
    assert "You asked" in bot_world.news_text(name.lower())


@given(parsers.parse("{name:w} accepted"))
def accepted(bot_world: BotWorld, name: str) -> None:
    bot_world.tap(name.lower(), "Accept")


@given(parsers.parse("{name:w} picked up"))
def picked_up(bot_world: BotWorld, name: str) -> None:
    bot_world.tap(name.lower(), "Picked up")


# -- acting ------------------------------------------------------------------------------------


@when(parsers.parse('{name:w} asks for {portions:d} portions of "{dish}"'))
def requested(bot_world: BotWorld, name: str, portions: int, dish: str) -> None:
    who = name.lower()
    bot_world.say(who, "/browse")
    bot_world.act(who, lambda n, person: _tap_on(bot_world, n, person, "Request", dish))
    bot_world.tap(who, str(portions))


def _tap_on(world: BotWorld, neighbors, person, label: str, dish: str):  # type: ignore[no-untyped-def]
    for message in reversed(world.api.messages(person.telegram_id)):
        if dish in message.shown and any(label in b for row in message.labels for b in row):
            button = next(b for row in message.buttons for b in row if label in b["text"])
            query = {"id": "q", "from": person.as_user(), "chat_instance": "c",
                     "data": button["callback_data"], "message": message.raw}
            return neighbors._update({"callback_query": query})
    raise AssertionError(f"no card for {dish!r} with {label!r}")


@when(parsers.parse('{name:w} sends "{text}"'))
def sends(bot_world: BotWorld, name: str, text: str) -> None:
    bot_world.say(name.lower(), text)


@when(parsers.parse('{name:w} taps "{label}" on "{dish}"'))
def taps_on(bot_world: BotWorld, name: str, label: str, dish: str) -> None:
    bot_world.act(name.lower(), lambda n, person: _tap_on(bot_world, n, person, label, dish))


@when(parsers.parse('{name:w} taps "{label}"'))
def taps(bot_world: BotWorld, name: str, label: str) -> None:
    bot_world.tap(name.lower(), label)


@when(parsers.parse("{name:w} shares their own contact"))
def own_contact(bot_world: BotWorld, name: str) -> None:
    bot_world.act(name.lower(), lambda n, who: n.contact(who))


@when(parsers.parse("{name:w} shares someone else's contact"))
def other_contact(bot_world: BotWorld, name: str) -> None:
    bot_world.act(name.lower(), lambda n, who: n.contact(who, "+447700900999", own=False))


@when(parsers.parse("{name:w} sends a location pin at {lat:g}, {lon:g}"))
def pin(bot_world: BotWorld, name: str, lat: float, lon: float) -> None:
    bot_world.act(name.lower(), lambda n, who: n.location(who, lat, lon))


@when(parsers.parse("{name:w} sends a photo of the dish"))
def photo(bot_world: BotWorld, name: str) -> None:
    bot_world.act(name.lower(), lambda n, who: n.photo(who, sample_photo()))


@when(parsers.parse("{name:w} sends a photo that is {kind}"))
def bad_photo(bot_world: BotWorld, name: str, kind: str) -> None:
    if kind == "not an image":
        data = b"%PDF-1.4 definitely not a picture"
    else:  # a decompression bomb: a tiny file that unpacks to 48 megapixels
        out = io.BytesIO()
        Image.new("1", (8000, 6000)).save(out, format="PNG")
        data = out.getvalue()
    bot_world.act(name.lower(), lambda n, who: n.photo(who, data))


@when("the bot restarts")
def restart(bot_world: BotWorld) -> None:
    bot_world.restart()


@when(parsers.parse("a second replica of the bot runs on the same database"))
def second_replica(bot_world: BotWorld) -> None:
    bot_world.add_replica()


@when(parsers.parse("{name:w} talks to replica {index:d} and sends \"{text}\""))
def replica_says(bot_world: BotWorld, name: str, index: int, text: str) -> None:
    bot_world.use_replica(index - 1)
    bot_world.say(name.lower(), text)


@when(parsers.parse("{name:w} talks to replica {index:d} and taps \"{label}\""))
def replica_taps(bot_world: BotWorld, name: str, index: int, label: str) -> None:
    bot_world.use_replica(index - 1)
    bot_world.tap(name.lower(), label)


@when(parsers.parse("{amount:d} {unit} pass"))
@when(parsers.parse("{amount:d} {unit} passes"))
def time_passes(bot_world: BotWorld, amount: int, unit: str) -> None:
    bot_world.wait(timedelta(**{UNITS[unit.rstrip("s")]: amount}))


@when(parsers.parse('{name:w} sends "{text}" {count:d} times within a minute'))
def floods(bot_world: BotWorld, name: str, text: str, count: int) -> None:
    bot_world.bot.typing_time = timedelta(0)
    bot_world.mark_read()
    for _ in range(count):
        neighbors = bot_world.bot.neighbors
        update = neighbors.text(neighbors.neighbor(name.lower()), text)
        bot_world.loop.run_until_complete(bot_world.bot.send(update))


# -- checking ----------------------------------------------------------------------------------


@then(parsers.parse('{name:w} is told "{text}"'))
def is_told(bot_world: BotWorld, name: str, text: str) -> None:
    news = bot_world.news_text(name.lower())
    assert text in news, f"{text!r} not in:\n{news}"


@then(parsers.parse('{name:w} is not told "{text}"'))
def is_not_told(bot_world: BotWorld, name: str, text: str) -> None:
    news = bot_world.news_text(name.lower())
    assert text not in news, f"{text!r} unexpectedly in:\n{news}"


@then(parsers.parse('{name:w} is told "{text}" exactly once'))
def told_once(bot_world: BotWorld, name: str, text: str) -> None:
    count = sum(text in m.shown for m in bot_world.news(name.lower()))
    assert count == 1, f"{text!r} was said {count} times"


@then(parsers.parse("{name:w} is told nothing"))
def told_nothing(bot_world: BotWorld, name: str) -> None:
    assert bot_world.news(name.lower()) == []


@then(parsers.parse('{name:w} sees the buttons "{labels}"'))
def sees_buttons(bot_world: BotWorld, name: str, labels: str) -> None:
    wanted = [label.strip() for label in labels.split(",")]
    shown = [b for m in bot_world.news(name.lower()) for row in m.labels for b in row]
    for label in wanted:
        assert any(label in b for b in shown), f"{label!r} not among {shown}"


@then(parsers.parse("{name:w} has {amount:d} credits"))
def has_credits(bot_world: BotWorld, name: str, amount: int) -> None:
    bot_world.say(name.lower(), "/credits")
    assert f"Your balance: {amount} credit" in bot_world.news_text(name.lower())


@then(parsers.parse('{name:w} is shown a card of "{dish}" with a photo'))
def card_with_photo(bot_world: BotWorld, name: str, dish: str) -> None:
    cards = [m for m in bot_world.news(name.lower()) if dish in m.shown and m.photo]
    assert cards, bot_world.news_text(name.lower())


@then(parsers.parse('every message mentioning "{word}" shows "{literal}" literally'))
def literal_everywhere(bot_world: BotWorld, word: str, literal: str) -> None:
    mentioning = [m for m in bot_world.everything_shown() if word in m.shown]
    assert len(mentioning) >= 5
    for message in mentioning:
        assert literal in message.shown, message.shown


@then("no message shows a stack trace or a phone number")
def nothing_leaks(bot_world: BotWorld) -> None:
    for message in bot_world.everything_shown():
        assert "Traceback" not in message.shown
        assert not re.search(r"\+?44\s?7700", message.shown), message.shown


@given(parsers.parse("{name:w} has blocked the bot"))
def blocked_bot(bot_world: BotWorld, name: str) -> None:
    bot_world.api.block(bot_world.chat_id(name.lower()))


@given(parsers.parse("Telegram asks the bot to slow down when messaging {name:w}"))
def throttled(bot_world: BotWorld, name: str) -> None:
    bot_world.api.rate_limit(bot_world.chat_id(name.lower()), retry_after=3, times=2)


@then(parsers.parse("the bot waited {seconds:d} seconds twice, as Telegram asked"))
def waited(bot_world: BotWorld, seconds: int) -> None:
    assert bot_world.waited == [seconds, seconds]


@then(parsers.parse("{name:w} is no longer messaged"))
def unreachable(bot_world: BotWorld, name: str) -> None:
    users = bot_world.bot.container.users()
    assert users.profile(bot_world.chat_id(name.lower())).reachable is False


@then(parsers.parse("the moderators have a report with photo evidence"))
def report_with_evidence(bot_world: BotWorld) -> None:
    from neighborshare.ports.queries import ReportFilter

    with bot_world.bot.container.uow_factory()() as uow:
        (report,) = uow.reports.filtered(ReportFilter())
    assert report.evidence_ref is not None
    assert bot_world.bot.container.photo_store().get(report.evidence_ref)[:2] == b"\xff\xd8"
