"""Whatever breaks inside a handler, the neighbor gets an apology and the log gets no phone."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from dependency_injector import providers

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.memory.store import MemoryStore
from neighborshare.container import memory_container
from neighborshare.entrypoints.bot.guard import redact
from neighborshare.entrypoints.bot.script import ScriptError, ScriptRunner, parse
from tests.bot.steps import onboard
from tests.bot.world import START, BotWorld


class BrokenCredits:
    def statement(self, user_id: int, limit: int = 10) -> Any:
        raise RuntimeError("database exploded while serving +44 7700 900123")


@pytest.fixture
def world() -> Iterator[BotWorld]:
    store = MemoryStore()

    def make() -> Any:
        container = memory_container(clock=clock, memory_store=store)
        container.credits.override(providers.Object(BrokenCredits()))
        return container

    clock = FixedClock(START)
    world = BotWorld(make, clock)
    yield world
    world.close()


def test_an_unexpected_error_is_an_apology_and_a_redacted_log(
    world: BotWorld, caplog: pytest.LogCaptureFixture
) -> None:
    onboard(world, "priya")
    with caplog.at_level(logging.ERROR, logger="neighborshare.bot"):
        world.say("priya", "/credits")
    assert world.news_text("priya") == (
        "Sorry, something went wrong on our side. Please try again in a moment."
    )
    logged = caplog.text
    assert "database exploded" in logged
    assert "7700" not in logged
    assert "[redacted]" in logged


def test_the_conversation_survives_an_error(world: BotWorld) -> None:
    onboard(world, "priya")
    world.say("priya", "/share")
    world.say("priya", "/credits")
    world.say("priya", "Soup")
    assert "Send a photo of it" in world.news_text("priya")


def test_redact_hides_phone_numbers_but_not_ids() -> None:
    assert redact("user +447700900123 and 07700 900 123 in update 42") == (
        "user [redacted] and [redacted] in update 42"
    )


def test_a_chat_script_stops_when_the_bot_failed(world: BotWorld) -> None:
    onboard(world, "priya")
    runner = ScriptRunner(world.bot, lambda text: None)
    line = parse("@priya /credits")
    assert line is not None
    with pytest.raises(ScriptError, match="the bot failed while handling this line"):
        world.loop.run_until_complete(runner.run(line))
    runner.close()
