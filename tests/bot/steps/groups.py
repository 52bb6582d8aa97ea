"""Steps for group chats and the bot's membership: what may and may not be said in a group."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

from pytest_bdd import parsers, then, when

from neighborshare.adapters.telegram.sent import SentMessage
from tests.bot.world import BotWorld


def group_messages(bot_world: BotWorld, group: str) -> list[SentMessage]:
    return bot_world.api.messages(bot_world.group_id(group))


@when(parsers.parse('{name:w} writes "{text}" in the group {group:w}'))
def writes_in_group(bot_world: BotWorld, name: str, text: str, group: str) -> None:
    bot_world.say_in_group(name.lower(), group, text)


@when(parsers.parse('{name:w} writes "{text}" in the group {group:w} {count:d} times'))
def floods_group(bot_world: BotWorld, name: str, text: str, group: str, count: int) -> None:
    bot_world.bot.typing_time = timedelta(0)  # all within the minute
    for _ in range(count):
        bot_world.say_in_group(name.lower(), group, text)


@when(parsers.parse('{name:w} edits an earlier message to "{text}"'))
def edits(bot_world: BotWorld, name: str, text: str) -> None:
    bot_world.edit_message(name.lower(), text)


@when(parsers.parse("{name:w} blocks the bot"))
def blocks(bot_world: BotWorld, name: str) -> None:
    name = name.lower()
    bot_world.api.block(bot_world.chat_id(name))
    bot_world.membership(name, bot_world.private_chat(name), "member", "kicked")


@when(parsers.parse("{name:w} unblocks the bot"))
def unblocks(bot_world: BotWorld, name: str) -> None:
    name = name.lower()
    bot_world.api.unblock(bot_world.chat_id(name))
    bot_world.membership(name, bot_world.private_chat(name), "kicked", "member")


@when(parsers.parse("{name:w} adds the bot to the group {group:w}"))
def adds_bot(bot_world: BotWorld, name: str, group: str) -> None:
    bot_world.membership(name.lower(), bot_world.group(group), "left", "member")


@when(parsers.parse("{name:w} removes the bot from the group {group:w}"))
def removes_bot(bot_world: BotWorld, name: str, group: str) -> None:
    bot_world.membership(name.lower(), bot_world.group(group), "member", "left")


@then(parsers.parse('the group {group:w} is told "{text}" exactly once'))
def group_told_once(bot_world: BotWorld, group: str, text: str) -> None:
    shown = [m.shown for m in group_messages(bot_world, group)]
    assert sum(text in s for s in shown) == 1, shown


@then(parsers.parse('the group {group:w} is told "{text}"'))
def group_told(bot_world: BotWorld, group: str, text: str) -> None:
    shown = [m.shown for m in group_messages(bot_world, group)]
    assert any(text in s for s in shown), shown


@then(parsers.parse("the group {group:w} was sent {count:d} messages"))
@then(parsers.parse("the group {group:w} was sent {count:d} message"))
def group_count(bot_world: BotWorld, group: str, count: int) -> None:
    shown = [m.shown for m in group_messages(bot_world, group)]
    assert len(shown) == count, shown


@then(parsers.parse("the group {group:w} was sent nothing"))
def group_silent(bot_world: BotWorld, group: str) -> None:
    group_count(bot_world, group, 0)


@then(parsers.parse('every message to the group {group:w} has a button into the private '
                    'chat, opening "{starts}"'))
def opens_private_chat(bot_world: BotWorld, group: str, starts: str) -> None:
    """``starts``: the /start payloads, in order ("-" for none)."""
    payloads = []
    for message in group_messages(bot_world, group):
        ((button,),) = message.buttons
        link = urlparse(button["url"])
        assert (link.scheme, link.netloc, link.path) == ("https", "t.me", "/NeighborShareBot")
        payloads.append(parse_qs(link.query).get("start", ["-"])[0])
    assert payloads == [p.strip() for p in starts.split(",")]


@then(parsers.parse("nothing private about {name:w} reaches the group {group:w}"))
def nothing_private(bot_world: BotWorld, name: str, group: str) -> None:
    name = name.lower()
    user = bot_world.bot.container.users().profile(bot_world.chat_id(name))
    balance = bot_world.bot.container.credits().balance(user.id)
    phone = bot_world.bot.neighbors.neighbor(name).phone
    for message in group_messages(bot_world, group):
        text = message.shown
        assert user.apartment not in text and "apartment" not in text.lower(), text
        assert phone[-2:] not in text and not re.search(r"\d", text), text
        assert str(balance) not in text and "credit" not in text.lower(), text
        assert user.preferred_name not in text and "profile" not in text.lower(), text


@then(parsers.parse("{name:w} can be messaged again"))
def reachable_again(bot_world: BotWorld, name: str) -> None:
    users = bot_world.bot.container.users()
    assert users.profile(bot_world.chat_id(name.lower())).reachable is True


@then(parsers.parse("{name:w} was sent nothing"))
def sent_nothing(bot_world: BotWorld, name: str) -> None:
    assert bot_world.news(name.lower()) == []
