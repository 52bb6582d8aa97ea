"""CPU per answer: PTB's ``bot.send_message`` against the bot's ``ApiCall``, on the offline Bot API.

The same answer either way: a browse card (HTML text, three buttons in two rows) to one chat.
PTB's method turns each parameter into JSON through its objects and builds a ``Message`` of
Telegram's reply; ``ApiCall`` (entrypoints/bot/outgoing.py) posts the JSON as it is with PTB's
public ``Bot.do_api_request`` and leaves the reply unparsed. Both include the offline Bot API's
own work (recording the message, answering with a Message's JSON), which a real Telegram does
elsewhere. CPU is time.process_time.

    .venv/bin/python -m bench.answers [--calls 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import ExtBot

from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.entrypoints.bot.outgoing import ApiCall
from neighborshare.entrypoints.bot.replies import HTML, inline
from neighborshare.ports.services import Button

CHAT = 1001
TEXT = "<b>Soup &amp; bread</b>: 3 portions, 400 m away\nPick up 18:00-20:00"
ROWS = ((Button("Request 1", "req:1:1"), Button("Request 2", "req:1:2")), (Button("Next", "b:2"),))


def ptb_send(bot: ExtBot[None]) -> Callable[[], Awaitable[object]]:
    def call() -> Awaitable[object]:
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in ROWS]
        )
        return bot.send_message(CHAT, TEXT, parse_mode="HTML", reply_markup=markup)

    return call


def api_call(bot: ExtBot[None]) -> Callable[[], Awaitable[object]]:
    def call() -> Awaitable[object]:
        params = {"chat_id": CHAT, "text": TEXT, "parse_mode": HTML, "reply_markup": inline(ROWS)}
        return ApiCall(bot, "sendMessage", params)()

    return call


async def measure(make: Callable[[], Awaitable[object]], calls: int) -> float:
    for _ in range(calls // 10):  # warm up
        await make()
    started = time.process_time()
    for _ in range(calls):
        await make()
    return (time.process_time() - started) / calls * 1e6


async def run(calls: int) -> None:
    api = OfflineBotApi()
    bot: ExtBot[None] = ExtBot("123:offline", request=api, get_updates_request=api)
    await bot.initialize()
    api.start(CHAT)  # the offline Bot API, like Telegram, refuses a chat that never started the bot
    ptb = await measure(ptb_send(bot), calls)
    raw = await measure(api_call(bot), calls)
    sent = [name for name, _ in api.calls]
    print(f"{calls} answers each, CPU microseconds per answer (offline Bot API included)")
    print(f"  bot.send_message (PTB objects both ways)   {ptb:7.0f}")
    print(f"  ApiCall (JSON out, reply left unparsed)     {raw:7.0f}")
    print(f"  ratio                                       {ptb / raw:7.1f}x")
    print(f"  calls the offline Bot API answered: {len(sent)} ({sorted(set(sent))})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=3000)
    asyncio.run(run(parser.parse_args().calls))


if __name__ == "__main__":
    main()
