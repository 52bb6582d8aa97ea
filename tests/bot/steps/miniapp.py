"""Steps for the Mini App's buttons: the Map under /browse and the private chats' menu button."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, then

from neighborshare.adapters.telegram.sent import SentMessage
from tests.bot.world import BotWorld


def map_buttons(messages: list[SentMessage]) -> list[dict[str, Any]]:
    return [b for m in messages for row in m.buttons for b in row if "web_app" in b]


@given(parsers.parse('the Mini App is at "{url}"'))
def miniapp_at(bot_world: BotWorld, url: str) -> None:
    bot_world.miniapp_url = url
    bot_world.restart()  # the setting is read at start, as MINIAPP_URL is


@then(parsers.parse("{name:w}'s last message has a Map button opening \"{url}\""))
def last_has_map(bot_world: BotWorld, name: str, url: str) -> None:
    last = bot_world.api.messages(bot_world.chat_id(name.lower()))[-1]
    assert map_buttons([last]) == [{"text": "🗺 Map", "web_app": {"url": url}}], last.buttons


@then(parsers.parse("no message to {name:w} has a Map button"))
def no_map(bot_world: BotWorld, name: str) -> None:
    assert map_buttons(bot_world.api.messages(bot_world.chat_id(name.lower()))) == []


@then(parsers.parse("no message to the group {group:w} has a Map button"))
def no_map_in_group(bot_world: BotWorld, group: str) -> None:
    messages = bot_world.api.messages(bot_world.group_id(group))
    assert messages and map_buttons(messages) == []


@then(parsers.parse('the menu button of private chats is a Map opening "{url}"'))
def menu_is_map(bot_world: BotWorld, url: str) -> None:
    assert bot_world.api.setup.menu_button(None) == {
        "type": "web_app", "text": "🗺 Map", "web_app": {"url": url}}


@then("the menu button of private chats lists the commands")
def menu_lists_commands(bot_world: BotWorld) -> None:
    calls = [p for method, p in bot_world.api.calls if method == "setChatMenuButton"]
    assert calls and "chat_id" not in calls[-1]
    assert bot_world.api.setup.menu_button(None) == {"type": "commands"}


@then(parsers.parse('{name:w}\'s menu button is a Map labelled "{label}"'))
def own_menu_is_map(bot_world: BotWorld, name: str, label: str) -> None:
    button = bot_world.api.setup.menu_buttons.get(bot_world.chat_id(name.lower()))
    assert button is not None and button.get("type") == "web_app", button
    assert button["text"] == label, button
