"""A neighbor's own data: files the bot sent as documents (sendDocument), read back from the
offline API, and setting up again after /deleteaccount."""

from __future__ import annotations

import json
from typing import Any

from pytest_bdd import parsers, then, when

from tests.bot.routines import onboard
from tests.bot.world import BotWorld


def sent_file(bot_world: BotWorld, name: str, filename: str) -> tuple[dict[str, Any], bytes]:
    documents = [m.document for m in bot_world.news(name.lower()) if m.document]
    found = [d for d in documents if d.get("file_name") == filename]
    assert found, f"no file {filename!r} among {documents}"
    return found[-1], bot_world.api.file(found[-1]["file_id"])


@then(parsers.parse('{name:w} receives the JSON file "{filename}" where {path} is "{value}"'))
def receives_json(bot_world: BotWorld, name: str, filename: str, path: str, value: str) -> None:
    document, data = sent_file(bot_world, name, filename)
    assert document["mime_type"] == "application/json", document
    found: Any = json.loads(data)
    for part in path.split("."):
        found = found[int(part)] if part.isdigit() else found[part]
    assert str(found) == value, found


@when(parsers.parse("{name:w} sets up a profile again"))
def sets_up_again(bot_world: BotWorld, name: str) -> None:
    onboard(bot_world, name.lower())


@when(parsers.parse("{name:w} starts again and shares the same phone"))
def starts_again_with_the_phone(bot_world: BotWorld, name: str) -> None:
    who = name.lower()
    bot_world.say(who, "/start")
    bot_world.say(who, name)
    bot_world.act(who, lambda n, neighbor: n.contact(neighbor))
