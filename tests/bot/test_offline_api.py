"""The offline Bot API answers like Telegram, records chats, and fails loudly or on request."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from neighborshare.adapters.telegram.loop_notifier import LoopBotNotifier
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi
from neighborshare.ports.services import Button, Delivery, OutgoingMessage


@pytest.fixture
def api() -> OfflineBotApi:
    api = OfflineBotApi()
    for chat_id in (7, 8):  # neighbors who started the bot
        api.start(chat_id)
    return api


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def run(loop: asyncio.AbstractEventLoop, api: OfflineBotApi, action):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        async with Bot(OFFLINE_TOKEN, request=api, get_updates_request=api) as bot:
            return await action(bot)

    return loop.run_until_complete(go())


def test_messages_are_recorded_with_markup_and_edits(api, loop) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("✅ Accept", callback_data="x:acc:1")]])

    async def action(bot: Bot) -> None:
        sent = await bot.send_message(7, "<b>Dal</b> &amp; rice", parse_mode="HTML",
                                      reply_markup=markup)
        await bot.edit_message_text("Done", chat_id=7, message_id=sent.message_id)

    run(loop, api, action)
    (message,) = api.messages(7)
    assert message.shown == "Done"
    assert message.edits == 1
    assert message.labels == []
    assert api.calls[1][1]["text"] == "<b>Dal</b> &amp; rice"


def test_photos_round_trip_through_get_file(api, loop) -> None:
    file_id = api.add_file(b"jpeg bytes")

    async def action(bot: Bot) -> bytes:
        telegram_file = await bot.get_file(file_id)
        await bot.send_photo(7, file_id, caption="dish")
        return bytes(await telegram_file.download_as_bytearray())

    assert run(loop, api, action) == b"jpeg bytes"
    assert api.last(7).photo == file_id


def test_documents_keep_their_name_type_and_bytes_as_telegram_does(api, loop) -> None:
    async def action(bot: Bot) -> object:
        sent = await bot.send_document(7, b'{"a": 1}', filename="my-data.json",
                                       caption="<b>Yours</b>", parse_mode="HTML")
        again = await bot.send_document(8, sent.document.file_id)
        return sent, again

    sent, again = run(loop, api, action)
    assert (sent.document.file_name, sent.document.mime_type) == ("my-data.json",
                                                                  "application/json")
    assert sent.document.file_size == 8 and sent.caption == "<b>Yours</b>"
    assert api.file(sent.document.file_id) == b'{"a": 1}'
    assert again.document.file_id == sent.document.file_id
    assert api.messages(7)[0].shown == "Yours"


def test_documents_telegram_refuses(api, loop) -> None:
    cases = [
        (lambda bot: bot.send_document(7, b"", filename="empty.json"), "(?i)must be non-empty"),
        (lambda bot: bot.send_document(7, "Fnever-made"), "(?i)wrong file identifier"),
        (lambda bot: bot.send_document(7, b"x", filename="a.txt", caption="x" * 1025),
         "(?i)caption is too long"),
    ]
    for send, refusal in cases:
        with pytest.raises(BadRequest, match=refusal):
            run(loop, api, send)
    assert api.messages(7) == []


def test_injected_failures_and_unknown_methods(api, loop) -> None:
    api.rate_limit(7, retry_after=3)
    api.block(8)

    async def throttled(bot: Bot) -> None:
        await bot.send_message(7, "hi")

    with pytest.raises(RetryAfter):
        run(loop, api, throttled)
    run(loop, api, throttled)  # only once
    with pytest.raises(Forbidden, match="blocked"):
        run(loop, api, lambda bot: bot.send_message(8, "hi"))
    with pytest.raises(NetworkError, match="does not implement 'sendDice'"):
        run(loop, api, lambda bot: bot.send_dice(7))
    assert api.unknown == ["sendDice"]
    with pytest.raises(BadRequest, match="parse entities"):
        run(loop, api, lambda bot: bot.send_message(7, "<b>Soup</b> & bread", parse_mode="HTML"))


def test_the_notifier_waits_out_429_and_reports_blocked_chats(api, loop) -> None:
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)

    async def action(bot: Bot) -> list[Delivery]:
        notifier = LoopBotNotifier(bot, asyncio.get_running_loop(), sleep=sleep)
        message = OutgoingMessage(7, "<b>hi</b>", ((Button("Request", "post:req:1"),),))
        first = await asyncio.to_thread(notifier.send, message)
        second = await asyncio.to_thread(notifier.send, OutgoingMessage(8, "hi"))
        return [first, second]

    api.rate_limit(7, retry_after=2, times=1)
    api.block(8)
    assert run(loop, api, action) == [Delivery.SENT, Delivery.BLOCKED]
    assert waited == [2.0]
    assert api.last(7).labels == [["Request"]]


def test_a_bounded_history_keeps_the_newest_of_each_chat(loop) -> None:
    api = OfflineBotApi(history=3)
    api.start(7)
    api.start(8)

    async def action(bot: Bot) -> int:
        first = await bot.send_message(7, "one")
        for text in ("two", "three", "four", "five"):
            await bot.send_message(7, text)
        await bot.send_message(8, "elsewhere")
        with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
            await bot.edit_message_text("changed", chat_id=7, message_id=first.message_id)
        return first.message_id

    run(loop, api, action)
    assert [m.text for m in api.messages(7)] == ["three", "four", "five"]
    assert [m.text for m in api.messages(8)] == ["elsewhere"]
    assert len(api.calls) == 3 and len(api.sent) == 3
    assert [m.text for m in api.sent] == ["four", "five", "elsewhere"]


def test_by_default_everything_is_remembered(api, loop) -> None:
    async def action(bot: Bot) -> None:
        for n in range(150):
            await bot.send_message(7, f"message {n}")

    run(loop, api, action)
    assert len(api.messages(7)) == 150 and len(api.sent) == 150
