"""When: neighbors send text, contacts, pins and photos, tap buttons; time passes; restarts."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image
from pytest_bdd import parsers, when

from neighborshare.entrypoints.bot.script import sample_photo
from tests.bot.routines import card_of, request_portions
from tests.bot.world import BotWorld

UNITS = {"minute": "minutes", "hour": "hours", "day": "days"}


@when(parsers.parse('{name:w} asks for {portions:d} portions of "{dish}"'))
def requested(bot_world: BotWorld, name: str, portions: int, dish: str) -> None:
    request_portions(bot_world, name.lower(), portions, dish)



@when(parsers.parse('{name:w} asks for "{dish}"'))
def asks_for(bot_world: BotWorld, name: str, dish: str) -> None:
    """/browse, then Request on the card of ``dish``: the question of how many portions."""
    request_portions(bot_world, name.lower(), None, dish)


@when(parsers.parse('{name:w} taps Request on the card of "{dish}"'))
def taps_request_on(bot_world: BotWorld, name: str, dish: str) -> None:
    """Request on the latest card of ``dish`` the neighbor was shown (no new /browse)."""
    who = name.lower()
    bot_world.act(who, lambda neighbors, n: neighbors.callback(n, *card_of(bot_world, n, dish)))


@when(parsers.parse('{name:w} sends "{text}"'))
def sends(bot_world: BotWorld, name: str, text: str) -> None:
    bot_world.say(name.lower(), text)


@when(parsers.parse('{name:w} taps "{label}"'))
def taps(bot_world: BotWorld, name: str, label: str) -> None:
    bot_world.tap(name.lower(), label)


@when(parsers.parse("{name:w} shares their own contact"))
def own_contact(bot_world: BotWorld, name: str) -> None:
    bot_world.act(name.lower(), lambda n, who: n.contact(who))


@when(parsers.parse("{name:w} shares their own contact, holding {other:w}'s number"))
def own_contact_taken_number(bot_world: BotWorld, name: str, other: str) -> None:
    """A number that moved to another phone: Telegram vouches it is the sender's own."""
    taken = bot_world.bot.neighbors.neighbor(other.lower()).phone
    bot_world.act(name.lower(), lambda n, who: n.contact(who, taken))


@when(parsers.parse("{name:w} types {other:w}'s number"))
def types_number_of(bot_world: BotWorld, name: str, other: str) -> None:
    bot_world.say(name.lower(), bot_world.bot.neighbors.neighbor(other.lower()).phone)


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





@when(parsers.parse("{name:w} sends the code that was texted"))
def sends_code(bot_world: BotWorld, name: str) -> None:
    codes = bot_world.bot.container.sms_verifier().codes  # the fake records what it "sent"
    (code,) = codes.values()
    bot_world.say(name.lower(), code)
