"""The step vocabulary of the bot features: neighbors typing, tapping and reading."""

from tests.bot.steps.acting import *  # noqa: F403
from tests.bot.steps.arranging import *  # noqa: F403
from tests.bot.steps.cards import *  # noqa: F403
from tests.bot.steps.checking import *  # noqa: F403
from tests.bot.steps.groups import *  # noqa: F403
from tests.bot.steps.inline import *  # noqa: F403
from tests.bot.steps.miniapp import *  # noqa: F403
from tests.bot.steps.my_data import *  # noqa: F403
from tests.bot.steps.settings import *  # noqa: F403
from tests.bot.steps.telegram import *  # noqa: F403
