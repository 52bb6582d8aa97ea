"""Every bot feature, through Application.process_update and the offline Bot API."""

import pytest
from pytest_bdd import scenarios

from tests.bot.world import BotWorld

scenarios("bot")


@pytest.fixture(autouse=True)
def _scenario_world(bot_world: BotWorld) -> BotWorld:
    """Puts the world (and so the backend parameter) into every scenario."""
    return bot_world
