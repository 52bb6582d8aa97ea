"""Handling one update exactly once: PTB's ``process_update`` inside one database transaction that
also records the update id, retried as a whole when it lost a race; the bot's answers are sent
after that transaction committed (entrypoints/bot/outgoing.py).

A connection lost during COMMIT leaves the outcome unknown: the update is refused (503) so that
Telegram redelivers it, and its answers are kept. If the redelivery finds the update id
recorded (the commit had gone through), those answers go out then; if it processes the update
anew, they are dropped for the new attempt's; if it is refused too (the database still away),
they stay kept for the next one."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from typing import Any, cast

from telegram import Update
from telegram.ext import Application

from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.entrypoints.bot import outgoing
from neighborshare.entrypoints.bot.loops import ThreadLoops
from neighborshare.entrypoints.bot.preload import TurnPreloader
from neighborshare.entrypoints.webhook.watch import (
    TRANSIENT,
    FailureWatch,
    WatchedUnitOfWork,
    current_watch,
)
from neighborshare.ports.services import Clock
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.transactions import update_transaction

log = logging.getLogger("neighborshare.webhook")

ATTEMPTS = 5
IN_DOUBT_KEPT = 1_000  # updates whose commit's outcome is unknown, with their answers
PTBApplication = Application[Any, Any, Any, Any, Any, Any]


class Outcome(StrEnum):
    PROCESSED = "processed"  # effects committed
    DUPLICATE = "duplicate"  # seen before: acknowledged, nothing done
    UNAVAILABLE = "unavailable"  # nothing committed; Telegram must redeliver


class UpdateProcessor:
    """Runs each update's transaction on a thread of its own pool (size = DB pool size), and
    the handlers on an event loop of that same thread, inside that transaction (bot/loops.py);
    only the answers, after the commit, go out from the bot's own loop."""

    def __init__(
        self,
        app: PTBApplication,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        concurrency: int,
        attempts: int = ATTEMPTS,
        sending: outgoing.Sending | None = None,
    ) -> None:
        self._app = app
        self._sending = sending  # the send budget shared with the workers, the outbox, metrics
        self._uow = uow_factory
        self._clock = clock
        self._attempts = attempts
        self._pool = ThreadPoolExecutor(concurrency, thread_name_prefix="update-tx")
        self._loops = ThreadLoops()
        self._preloader: TurnPreloader | None = app.bot_data.get("preloader")
        self._in_doubt: OrderedDict[Any, list[outgoing.Call]] = OrderedDict()
        app.add_error_handler(_note_failure)

    async def process(self, payload: dict[str, Any]) -> Outcome:
        """Handle ``payload`` in one transaction; its answers go to Telegram once it committed."""
        loop = asyncio.get_running_loop()
        answers = outgoing.Held()
        outcome = await loop.run_in_executor(
            self._pool, self._with_retries, payload, loop, answers
        )
        update_id = payload.get("update_id")
        if outcome is Outcome.UNAVAILABLE:  # still unknown: an earlier attempt's answers stay
            if answers.committing:
                self._keep_in_doubt(update_id, list(answers))
            return outcome
        kept = self._in_doubt.pop(update_id, None)
        if outcome is Outcome.PROCESSED:
            await outgoing.release(answers, self._sending)
        elif outcome is Outcome.DUPLICATE and kept:  # that unknown commit had gone through
            await outgoing.release(outgoing.Held(kept), self._sending)
        return outcome

    def _keep_in_doubt(self, update_id: Any, answers: list[outgoing.Call]) -> None:
        # this attempt found the update unrecorded: an earlier one's commit did not go through
        self._in_doubt.pop(update_id, None)
        if not answers:
            return
        self._in_doubt[update_id] = answers
        while len(self._in_doubt) > IN_DOUBT_KEPT:
            self._in_doubt.popitem(last=False)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self._loops.close()

    def _with_retries(
        self, payload: dict[str, Any], loop: asyncio.AbstractEventLoop, answers: outgoing.Held
    ) -> Outcome:
        update_id = payload.get("update_id")
        for attempt in range(1, self._attempts + 1):
            answers.clear()  # only the attempt that commits is answered
            answers.committing = False
            try:
                return self._once(payload, loop, answers)
            except ConcurrencyConflict:
                log.info("update %s lost a race (attempt %d of %d)", update_id, attempt,
                         self._attempts)
            except TRANSIENT as error:
                log.warning("update %s not processed, database unavailable: %s", update_id,
                            type(error).__name__)
                return Outcome.UNAVAILABLE
            except Exception:  # our own bug: loud, and Telegram keeps the update for later
                log.exception("update %s not processed", update_id)
                return Outcome.UNAVAILABLE
        return Outcome.UNAVAILABLE

    def _once(
        self, payload: dict[str, Any], loop: asyncio.AbstractEventLoop, answers: outgoing.Held
    ) -> Outcome:
        watch = FailureWatch()
        update = Update.de_json(parsed_part(payload), self._app.bot)
        # the preloader's first read comes with the update id's record, in one round trip
        sender = update.effective_user.id if self._preloader and update.effective_user else None
        with update_transaction(lambda: _watched(self._uow(), watch)) as uow:
            if not uow.updates.record(int(payload["update_id"]), self._clock.now(), sender):
                return Outcome.DUPLICATE
            preloaded: AbstractContextManager[None] = (
                self._preloader.around(uow, update) if self._preloader else nullcontext()
            )
            with preloaded, outgoing.holding(answers):
                token = current_watch.set(watch)
                try:
                    # The coroutine's task copies this thread's context: the handlers see the
                    # ambient unit of work, the watch, what was preloaded and where to put
                    # their answers.
                    self._loops.run(loop, self._app.process_update(update))
                finally:
                    current_watch.reset(token)
                watch.raise_if_any()  # a swallowed conflict or outage undoes the whole update
            answers.committing = True  # all that is left is COMMIT
        return Outcome.PROCESSED


# What the bot never reads of the message whose button was pressed: it redraws that message
# from the conversation, not from the keyboard it shows. PTB builds an object for each button
# and each entity (a 7-button card: 210-270 us to parse, 115-120 us without them).
PRESSED_MESSAGE_UNREAD = ("reply_markup", "entities", "caption_entities")


def parsed_part(payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` without what the handlers never read (a copy: the original is untouched)."""
    query = payload.get("callback_query")
    if not isinstance(query, dict):
        return payload
    message = query.get("message")
    if not isinstance(message, dict) or not any(k in message for k in PRESSED_MESSAGE_UNREAD):
        return payload
    kept = {k: v for k, v in message.items() if k not in PRESSED_MESSAGE_UNREAD}
    return {**payload, "callback_query": {**query, "message": kept}}


def _watched(uow: UnitOfWork, watch: FailureWatch) -> UnitOfWork:
    return cast(UnitOfWork, WatchedUnitOfWork(uow, watch))


async def _note_failure(update: object, context: Any) -> None:
    """PTB error handler: what escaped a handler decides whether the update must be redone."""
    watch = current_watch.get()
    error = context.error
    if watch is not None and error is not None and not watch.saw(error):
        log.error("update handler failed: %s", type(error).__name__, exc_info=error)
