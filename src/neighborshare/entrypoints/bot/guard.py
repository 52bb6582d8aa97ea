"""Every handler runs inside this guard: domain refusals become their friendly message, anything
else is logged (phone numbers redacted) and answered with an apology, never a stack trace."""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from neighborshare.domain.errors import ConcurrencyConflict, NeighborShareError
from neighborshare.entrypoints.bot.deps import BotDeps
from neighborshare.entrypoints.bot.flows.common import StaleButton
from neighborshare.entrypoints.bot.outgoing import answer_query, send
from neighborshare.entrypoints.bot.sessions import ConversationStore
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import i18n, texts
from neighborshare.presentation.refusals import refusal_text
from neighborshare.services.transactions import in_update_transaction

log = logging.getLogger("neighborshare.bot")

Step = Callable[[Turn], Awaitable[None]]
Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
_PHONE = re.compile(r"\+?\d[\d\s().-]{5,}\d")


def redact(text: str) -> str:
    """Hide anything that looks like a phone number."""
    return _PHONE.sub("[redacted]", text)


def guarded(step: Step, deps: BotDeps, store: ConversationStore) -> Callback:
    async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if update.effective_user is None or chat is None or chat.type != ChatType.PRIVATE:
            return  # flows run in a neighbor's private chat only (see chats.py)
        turn = Turn(update, deps, store)
        with i18n.speaking(turn.language()):
            await _handle(turn, step)

    return callback


async def _handle(turn: Turn, step: Step) -> None:
    """The step, in the neighbor's language; then the conversation is written back."""
    update = turn.update
    await _stop_spinner(update)
    try:
        await turn.open()
        i18n.use(turn.language())  # now their own choice in /settings is known too
        await turn.note_language()
        await step(turn)
    except ConcurrencyConflict as conflict:
        if in_update_transaction():
            raise  # the whole update is redone; the neighbor sees only the real answer
        await _answer(turn, refusal_text(conflict))
    except NeighborShareError as refusal:
        await _answer(turn, refusal_text(refusal))
    except StaleButton:  # data the bot never offered: nothing changed, nothing to redo
        await _answer(turn, texts.STALE_BUTTON)
    except Exception as error:
        log_failure(update, error)
        await _answer(turn, texts.APOLOGY)
    try:
        await turn.close()
    except Exception as error:
        log_failure(update, error)


async def _stop_spinner(update: Update) -> None:
    """Answer a tapped button first, so the client's spinner stops before the reply comes."""
    query = update.callback_query
    if query is None:
        return
    try:
        await send(answer_query(query))
    except TelegramError as error:  # e.g. "query is too old": the reply still goes out
        log.warning("a button's answer was refused: %s", type(error).__name__)


async def _answer(turn: Turn, html: str) -> None:
    try:
        await turn.say(html)
    except Exception as error:
        log_failure(turn.update, error)


def log_failure(update: Update, error: BaseException) -> None:
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    log.error("update %s failed: %s", update.update_id, redact(trace))
