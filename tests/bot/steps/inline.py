"""Steps for inline mode: "@Bot words" typed in a chat, and the cards the bot offers."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_bdd import parsers, then, when

from tests.bot.world import BotWorld


@pytest.fixture
def offered() -> list[dict[str, Any]]:
    return []


@when(parsers.re(r'(?P<name>\w+) types "@NeighborShareBot ?(?P<words>[^"]*)" in a chat'))
def types_inline(bot_world: BotWorld, offered: list[dict[str, Any]], name: str,
                 words: str) -> None:
    offered[:] = bot_world.inline(name.lower(), words.strip())


@then(parsers.parse('{name:w} is offered the card of "{dish}" only'))
def offered_only(offered: list[dict[str, Any]], name: str, dish: str) -> None:
    assert [result["title"] for result in offered] == [dish]


@then(parsers.parse("{name:w} is offered no cards"))
def offered_nothing(offered: list[dict[str, Any]], name: str) -> None:
    assert offered == []


@then(parsers.parse('the card of "{dish}" says "{text}"'))
def card_says(offered: list[dict[str, Any]], dish: str, text: str) -> None:
    assert text in card_text(_card(offered, dish))


@then(parsers.parse('the card of "{dish}" has a Request button opening the private chat at '
                    "that dish"))
def card_links_request(offered: list[dict[str, Any]], dish: str) -> None:
    card = _card(offered, dish)
    (button,) = card["reply_markup"]["inline_keyboard"][0]
    assert "Request" in button["text"]
    assert button["url"] == f"https://t.me/NeighborShareBot?start={card['id']}"


def card_text(result: dict[str, Any]) -> str:
    """What the chat shows once the result is chosen: a photo's caption or the message."""
    if result["type"] == "photo":
        return str(result["caption"])
    return str(result["input_message_content"]["message_text"])


def _card(offered: list[dict[str, Any]], dish: str) -> dict[str, Any]:
    found = [result for result in offered if result["title"] == dish]
    assert found, f"no card of {dish!r} among {[r['title'] for r in offered]}"
    return found[0]
