"""/help, /cancel and /credits."""

from __future__ import annotations

from telegram import ReplyKeyboardRemove

from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import texts
from neighborshare.presentation.cards import statement


async def help_(turn: Turn) -> None:
    """List the commands."""
    await turn.say(texts.HELP)


async def cancel(turn: Turn) -> None:
    """Leave whatever conversation is going on."""
    if turn.session is None:
        await turn.say(texts.NOTHING_TO_CANCEL, keyboard=ReplyKeyboardRemove())
        return
    turn.end()
    await turn.say(texts.CANCELLED, keyboard=ReplyKeyboardRemove())


async def credits(turn: Turn) -> None:
    """Balance and the latest movements."""
    user_id = await turn.user_id()
    stmt = await turn.deps.run(turn.deps.credits.statement, user_id)
    await turn.say(statement(stmt, turn.deps.tz, turn.deps.clock.now()))
