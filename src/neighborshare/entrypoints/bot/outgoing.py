"""Bot API calls answering an update: sent at once, or held until the update's transaction has
committed.

The update processor (webhook, polling) holds them: a neighbor never sees an answer whose effects
were rolled back (a redelivered update is answered once, by the attempt that committed), and no
transaction stays open while Telegram answers over the network, so a few pooled connections
serve many updates in flight. Without a processor (tests through ``process_update``, the chat
command) every call goes out when it is made.

An answer is an ``ApiCall``: the Bot API method and its JSON-ready parameters, posted with PTB's
public ``Bot.do_api_request`` as they are. PTB's own methods (``bot.send_message``...) turn every
parameter into JSON through its objects and build a ``Message`` of every reply from Telegram;
an answer needs neither (bench/answers.py: about 2.5 times the CPU per answer).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import warnings
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from telegram import Bot, CallbackQuery, TelegramObject
from telegram.error import BadRequest, RetryAfter, TelegramError
from telegram.warnings import PTBUserWarning

from neighborshare.adapters.telegram.sending import retry_after_seconds
from neighborshare.adapters.telegram.throttle import LATE_S
from neighborshare.domain.sending import SendClass
from neighborshare.ports.services import SendBudget

log = logging.getLogger("neighborshare.bot")

Call = Callable[[], Awaitable[Any]]
# queues replies to a chat in the outbox for after a wait: ReplyHandoff.hand_over
Handoff = Callable[[int, list[tuple[str, dict[str, Any]]], float], bool]
MAX_RETRY_WAIT_S = 5.0
# What counts against Telegram's limits: new messages and edits (not callback answers, ...).
PACED_METHODS = ("send", "edit", "copy", "forward")

# do_api_request warns when PTB has its own method for the endpoint ("Please use
# 'Bot.sendMessage' instead"): an answer skips those methods on purpose, so that warning is noise.
warnings.filterwarnings("ignore", r"Please use 'Bot\.", PTBUserWarning)


@dataclass(frozen=True, slots=True)
class ApiCall:
    """One Bot API call: its method and parameters, with ``None`` ones left out.

    A parameter is a JSON value (a keyboard as its dict), or a PTB object, which PTB turns into
    its dict.
    Telegram's refusals raise as from PTB's methods (BadRequest, Forbidden, RetryAfter...): the
    request object's error handling is the same one. Its result is Telegram's JSON, unparsed.
    """

    bot: Bot
    method: str
    params: dict[str, Any]

    async def __call__(self) -> Any:
        try:
            return await self.bot.do_api_request(self.method, api_kwargs=self.params)
        except BadRequest as error:
            if self.method.startswith("edit") and "not modified" in error.message:
                return None  # a double tap: the message is already so
            raise

    @property
    def paced_chat(self) -> int | None:
        """The chat this call puts a message into (Telegram's limits count it), if any."""
        chat_id = self.params.get("chat_id")
        if isinstance(chat_id, int) and self.method.startswith(PACED_METHODS):
            return chat_id
        return None


def answer_query(query: CallbackQuery) -> ApiCall:
    """Stop the client's spinner on the tapped button."""
    return ApiCall(query.get_bot(), "answerCallbackQuery", {"callback_query_id": query.id})


@dataclass(frozen=True, slots=True)
class Sending:
    """How released answers go out: the bot token's send budget, where the replies Telegram
    asks to wait long for go (ReplyHandoff.hand_over), and what counts each message's
    result ("sent", "429"; Metrics.count_send with class "reply")."""

    budget: SendBudget | None = None
    handoff: Handoff | None = None
    count: Callable[[str, str], None] | None = None

    def counted(self, chat_id: int | None, result: str) -> None:
        if self.count is not None and chat_id is not None:  # only messages count
            self.count("reply", result)


class Held(list[Call]):
    """The calls one update made, in order; once released, later ones go out at once."""

    released = False
    committing = False  # the update processor reached COMMIT with these answers


_held: ContextVar[Held | None] = ContextVar("held_bot_calls", default=None)


async def send(call: Call) -> None:
    """Make the Bot API call now, or hold it for after the commit."""
    held = _held.get()
    if held is None or held.released:
        await call()
    else:
        held.append(call)


@contextmanager
def holding(calls: Held) -> Iterator[None]:
    """Calls made inside (and in tasks started inside) go to ``calls`` instead of Telegram."""
    token = _held.set(calls)
    try:
        yield
    finally:
        _held.reset(token)


async def release(
    calls: Held, sending: Sending | None = None) -> int:
    """Make the held calls in order; a failed one is logged and the rest still go out.

    Returns how many failed. The effects are committed by now, so nothing is redone. Each
    message waits for its turn in the bot's send budget, as a reply (the first class: it books
    the first free slot, ahead of any notification). A call Telegram asks to wait for (429) is
    never dropped: it is made again after ``retry_after``, at once when that is a few seconds,
    else (with the calls after it, to keep their order) from a task of this loop, so that the
    update's processing does not wait minutes for it. With a ``handoff`` (services/replies.py)
    those calls go to the outbox instead, as rows of class reply, so that a worker makes them
    then even if this process has stopped; calls that are no message (a callback's answer)
    are stale by then and dropped.
    """
    calls.released = True  # a task of the update that answers later answers at once
    return await _in_order(list(calls), sending or Sending())


async def settled() -> None:
    """Wait for the answers still waiting out a 429 (for shutdown and tests)."""
    while _later:
        await asyncio.gather(*list(_later))


_later: set[asyncio.Task[int]] = set()  # referenced until done (asyncio keeps weak ones)


async def _in_order(
    calls: list[Call], sending: Sending) -> int:
    failed = 0
    for index, call in enumerate(calls):
        try:
            await _until_not_busy(call, sending)
        except _Busy as busy:
            handoff = sending.handoff
            if handoff is not None and await _handed_over(handoff, calls[index:], busy.seconds):
                return failed
            task = asyncio.get_running_loop().create_task(
                _after(busy.seconds, calls[index:], sending))
            _later.add(task)
            task.add_done_callback(_later.discard)
            log.warning("Telegram asked to wait %.0f s; %d replies go then", busy.seconds,
                        len(calls) - index)
            return failed
        except BadRequest as error:
            if "not modified" in error.message:  # a double tap: the message is already so
                continue
            failed += 1
            sending.counted(call.paced_chat if isinstance(call, ApiCall) else None, "refused")
            log.warning("a reply was refused by Telegram: %s", error.message)
        except TelegramError as error:
            failed += 1
            log.warning("a reply could not be sent: %s", type(error).__name__)
    return failed


async def _after(seconds: float, calls: list[Call], sending: Sending) -> int:
    await asyncio.sleep(seconds)
    return await _in_order(calls, sending)


async def _handed_over(handoff: Handoff, calls: list[Call], seconds: float) -> bool:
    """Give ``calls`` to the outbox; False when they cannot go there (several chats, a chat
    that is no neighbor's, a file upload): then this process makes them later itself."""
    messages = [c for c in calls if isinstance(c, ApiCall) and c.paced_chat is not None]
    chats = {c.paced_chat for c in messages}
    stored = [(c.method, params) for c in messages if (params := _stored(c.params)) is not None]
    if len(chats) != 1 or len(stored) != len(messages):
        return False
    chat_id = chats.pop()
    assert chat_id is not None
    try:
        queued = await asyncio.to_thread(handoff, chat_id, stored, seconds)
    except Exception:  # the database is away: the loop's task still makes them
        log.exception("replies could not be handed to the outbox")
        return False
    if queued:
        log.warning("Telegram asked to wait %.0f s; %d replies handed to the outbox", seconds,
                    len(stored))
    return queued


def _stored(params: dict[str, Any]) -> dict[str, Any] | None:
    """``params`` as JSON the outbox can keep, or None (e.g. a file to upload)."""
    plain = {k: v.to_dict() if isinstance(v, TelegramObject) else v for k, v in params.items()}
    try:
        json.dumps(plain)
    except (TypeError, ValueError):
        return None
    return plain


class _Busy(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


async def _until_not_busy(call: Call, sending: Sending) -> None:
    """Telegram said "too many requests": wait as asked when it is a few seconds and try
    again; a longer wait raises ``_Busy`` for the caller to make the call later."""
    chat_id = call.paced_chat if isinstance(call, ApiCall) else None
    budget = sending.budget if chat_id is not None else None
    while True:
        if budget is not None and chat_id is not None:
            await _turn(budget, chat_id)
        try:
            await call()
            sending.counted(chat_id, "sent")
            return
        except RetryAfter as error:
            sending.counted(chat_id, "429")
            wait = retry_after_seconds(error)
            if budget is not None and chat_id is not None:
                await asyncio.to_thread(budget.hold_chat, chat_id, wait)
            if wait > MAX_RETRY_WAIT_S:
                raise _Busy(wait) from error
            await asyncio.sleep(wait)


async def _turn(budget: SendBudget, chat_id: int) -> None:
    """Wait for a reply's slot; the budget may be Redis, so it is asked off this loop."""
    while True:
        turn = await asyncio.to_thread(budget.reserve, chat_id, SendClass.REPLY)
        due = time.monotonic() + turn.wait
        if turn.wait > 0:
            await asyncio.sleep(turn.wait)
        if turn.booked and time.monotonic() - due <= LATE_S:  # else its slot has passed
            return
