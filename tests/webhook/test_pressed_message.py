"""The processor parses a button press without the pressed message's keyboard and entities, which
the bot never reads, and the press still does everything it did."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.entrypoints.webhook.processing import Outcome, parsed_part
from tests.webhook.runtimes import runtime_with_priya

KEYBOARD = {"inline_keyboard": [[{"text": "Skip", "callback_data": "share:skip"}]]}


def press(message: dict[str, Any]) -> dict[str, Any]:
    return {"update_id": 9, "callback_query": {
        "id": "1", "chat_instance": "c", "data": "share:skip",
        "from": {"id": 5, "is_bot": False, "first_name": "Priya"}, "message": message}}


def pressed_message(**extra: Any) -> dict[str, Any]:
    return {"message_id": 3, "date": 1780000000, "text": "Describe it",
            "chat": {"id": 5, "type": "private", "first_name": "Priya"}, **extra}


def test_the_keyboard_and_entities_of_the_pressed_message_are_left_out_of_a_copy() -> None:
    payload = press(pressed_message(reply_markup=KEYBOARD, photo=[{"file_id": "F", "width": 1,
                                    "height": 1, "file_unique_id": "u"}],
                                    entities=[{"type": "bold", "offset": 0, "length": 3}]))
    before = copy.deepcopy(payload)
    parsed = parsed_part(payload)
    message = parsed["callback_query"]["message"]
    assert "reply_markup" not in message and "entities" not in message
    assert message["photo"] and message["text"] == "Describe it"  # what the bot reads stays
    assert message["message_id"] == 3 and message["chat"]["id"] == 5
    assert parsed["callback_query"]["data"] == "share:skip"
    assert payload == before  # kept whole for a retry


def test_other_updates_are_parsed_as_they_came() -> None:
    text = {"update_id": 1, "message": pressed_message()}
    plain_press = press(pressed_message())
    gone = {"update_id": 2, "callback_query": {"id": "1", "data": "x", "chat_instance": "c",
                                                "from": {"id": 5, "is_bot": False,
                                                         "first_name": "P"}}}
    for payload in (text, plain_press, gone):
        assert parsed_part(payload) is payload


def test_button_presses_through_the_processor_still_edit_the_pressed_message() -> None:
    api = OfflineBotApi()
    bot = runtime_with_priya(api, onboarded=True)
    runtime, neighbors, priya = bot.runtime, bot.neighbors, bot.priya

    async def go() -> list[Outcome]:
        await runtime.start()
        try:
            outcomes = []
            for make in (lambda: neighbors.text(priya, "/share"),
                         lambda: neighbors.text(priya, "Lentil soup"),
                         lambda: neighbors.tap(priya, "Skip"),
                         lambda: neighbors.tap(priya, "4")):
                payload = make().to_dict()
                outcomes.append(await runtime.processor.process(payload))
            return outcomes
        finally:
            await runtime.stop()

    outcomes = asyncio.run(go())
    assert outcomes == [Outcome.PROCESSED] * 4
    methods = [method for method, _ in api.calls]
    assert "editMessageText" in methods or "editMessageReplyMarkup" in methods
    assert "allerg" in api.messages(priya.telegram_id)[-1].text.lower()
