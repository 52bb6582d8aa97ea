"""Steps for Telegram as it really is: files, deleted messages, deep links, the command menu."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from neighborshare.entrypoints.bot.script import sample_photo
from tests.bot.world import HOME, BotWorld


@when(parsers.parse("{name:w} sends a photo of the dish as a file"))
def photo_as_file(bot_world: BotWorld, name: str) -> None:
    bot_world.send_file(name.lower(), sample_photo(), "image/jpeg")


@when(parsers.parse("{name:w} sends a PDF as a file"))
def pdf_as_file(bot_world: BotWorld, name: str) -> None:
    bot_world.send_file(name.lower(), b"%PDF-1.4 a menu", "application/pdf")


@when(parsers.parse('{name:w} taps "{label}" on a message that was deleted meanwhile'))
def taps_gone(bot_world: BotWorld, name: str, label: str) -> None:
    bot_world.tap_gone(name.lower(), label)


def post_id(bot_world: BotWorld, dish: str) -> int:
    with bot_world.bot.container.uow_factory()() as uow:
        for sharer in ("priya", "tom", "sam"):
            user = uow.users.get_by_telegram_id(bot_world.chat_id(sharer))
            if user is None:
                continue
            for post in uow.posts.by_sharer(user.id):
                if post.name == dish:
                    assert post.id is not None
                    return post.id
    raise AssertionError(f"no dish {dish!r}")


@when(parsers.parse('{name:w} opens the link to "{dish}"'))
def opens_link(bot_world: BotWorld, name: str, dish: str) -> None:
    bot_world.say(name.lower(), f"/start post_{post_id(bot_world, dish)}")


@when(parsers.parse("{name:w} sets up a profile"))
def sets_up(bot_world: BotWorld, name: str) -> None:
    """The rest of onboarding, after whatever /start began it."""
    name = name.lower()
    lat, lon = HOME.get(name, (51.5074, -0.1278))
    bot_world.say(name, name.capitalize())
    bot_world.act(name, lambda n, who: n.contact(who))
    bot_world.say(name, "12")
    bot_world.act(name, lambda n, who: n.location(who, lat, lon))
    bot_world.tap(name, "Done")
    bot_world.tap(name, "Done")
    bot_world.tap(name, "Skip")


@then("the button's answer came before any other reply")
def answered_first(bot_world: BotWorld) -> None:
    calls = [method for method, _ in list(bot_world.api.calls)[bot_world.calls_read:]]
    assert calls and calls[0] == "answerCallbackQuery", calls
    assert len(calls) > 1, calls


@then(parsers.parse('the command menu of private chats is "{commands}"'))
def menu_is(bot_world: BotWorld, commands: str) -> None:
    menus = [p for method, p in bot_world.api.calls if method == "setMyCommands"
             and p["scope"] == {"type": "all_private_chats"}]
    assert menus, "setMyCommands was never called"
    for params in menus:
        names = [c["command"] for c in params["commands"]]
        assert names == [c.strip().lstrip("/") for c in commands.split(",")]
        assert all(1 <= len(c["description"]) <= 256 for c in params["commands"])


@then(parsers.parse("the command menu was set {count:d} times for each language"))
def menu_count(bot_world: BotWorld, count: int) -> None:
    menus = [p.get("language_code") for method, p in bot_world.api.calls
             if method == "setMyCommands" and p["scope"] == {"type": "all_private_chats"}]
    assert sorted(menus, key=str) == sorted([None, "de", "es", "uk"] * count, key=str)
