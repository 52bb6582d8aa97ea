"""What neighbors do often, as whole conversations: onboarding, sharing, requesting."""

from __future__ import annotations

from tests.bot.world import HOME, BotWorld


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
    world: BotWorld, name: str, dish: str, portions: int, allergens: tuple[str, ...] = (),
    window: str = "",
) -> None:
    """/share to the end; ``window`` typed as a neighbor would, else the "Next 2 hours" preset."""
    world.say(name, "/share")
    world.say(name, dish)
    world.tap(name, "Skip")
    world.say(name, str(portions))
    for allergen in allergens:
        world.tap(name, allergen)
    world.tap(name, "Done")
    world.tap(name, "Done")
    if window:
        world.say(name, window)
    else:
        world.tap(name, "Next 2 hours")
    world.tap(name, "Publish")
    assert "is live" in world.news_text(name), world.news_text(name)


def request_portions(world: BotWorld, name: str, portions: int | None, dish: str) -> None:
    """/browse, Request on the card of ``dish``, then the number of portions (if given)."""
    world.say(name, "/browse")
    world.act(name, lambda neighbors, who: neighbors.callback(who, *card_of(world, who, dish)))
    if portions is not None:
        world.tap(name, str(portions))


def card_of(world: BotWorld, who: object, dish: str) -> tuple[object, str]:
    chat = world.chat_id(getattr(who, "name", ""))
    for message in reversed(world.api.messages(chat)):
        for row in message.buttons:
            for button in row:
                if dish in message.shown and "Request" in button["text"]:
                    return message, button["callback_data"]
    raise AssertionError(f"no card for {dish!r}")
