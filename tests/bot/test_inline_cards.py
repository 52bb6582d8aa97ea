"""Cards posted with inline mode, in the offline Bot API (as strict as Telegram) and through
the notifier that keeps them true: edited by inline_message_id alone, nothing to change is
done, a deleted card is GONE."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from telegram import Bot
from telegram.error import BadRequest

from neighborshare.adapters.telegram.loop_notifier import LoopBotNotifier
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi
from neighborshare.adapters.telegram.sent import SentMessage
from neighborshare.ports.services import Button, Delivery, OutgoingMessage

LINK = "https://t.me/NeighborShareBot?start=post_1"
MARKUP = {"inline_keyboard": [[{"text": "🙋 Request", "url": LINK}]]}


@pytest.fixture
def api() -> OfflineBotApi:
    return OfflineBotApi()


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def post_card(api: OfflineBotApi, photo: bool = False, markup: Any = MARKUP
              ) -> tuple[SentMessage, str | None]:
    """A neighbor answered "@Bot" with one card and chose it in a group."""
    group = api.add_group("hall", [{"id": 7, "is_bot": False, "first_name": "Priya"}])
    result: dict[str, Any] = {"id": "post_1", "title": "Dal"}
    if markup is not None:
        result["reply_markup"] = markup
    if photo:
        result |= {"type": "photo", "photo_file_id": api.add_file(b"jpeg"),
                   "caption": "<b>Dal</b>", "parse_mode": "HTML"}
    else:
        result |= {"type": "article", "input_message_content": {
            "message_text": "<b>Dal</b>\n3 portions left", "parse_mode": "HTML"}}
    api.inline.answer({"inline_query_id": "q1", "results": [result]})
    return api.inline.choose(7, group.id, "q1", "post_1")


def call(api: OfflineBotApi, method: str, **params: Any) -> Any:
    handler = api._table.get(method)
    assert handler is not None
    return handler(params)


def test_a_chosen_card_is_in_the_chat_with_an_id_only_when_it_has_a_keyboard(api):
    card, card_id = post_card(api)
    assert card_id is not None and card.sender_id == 7
    assert card.shown == "Dal\n3 portions left" and card.labels == [["🙋 Request"]]
    assert api.messages(card.chat_id) == [card]
    bare, no_id = post_card(OfflineBotApi(), markup=None)
    assert no_id is None and bare.inline_message_id is None  # Telegram gives none either


def test_an_edit_by_inline_message_id_answers_true_and_refuses_what_telegram_refuses(api):
    card, card_id = post_card(api)
    assert call(api, "editMessageText", inline_message_id=card_id, text="<b>Dal</b>\n1 left",
                parse_mode="HTML", reply_markup=MARKUP) is True
    assert card.shown == "Dal\n1 left" and card.edits == 1
    refusals = {
        "message is not modified": {"text": "<b>Dal</b>\n1 left", "parse_mode": "HTML",
                                        "reply_markup": MARKUP},
        "there is no caption in the message to edit": {"caption": "x", "method": "caption"},
        "REPLY_MARKUP_INVALID": {"text": "x", "reply_markup": {"keyboard": [["Hi"]]}},
    }
    for description, params in refusals.items():
        method = "editMessageCaption" if params.pop("method", None) else "editMessageText"
        with pytest.raises(Exception, match=description):
            call(api, method, inline_message_id=card_id, **params)
    card.deleted = True
    for unknown in (card_id, "AQAAAnot-a-card"):
        with pytest.raises(Exception, match="MESSAGE_ID_INVALID"):
            call(api, "editMessageText", inline_message_id=unknown, text="x")


def edit(card_id: str | None, photo: str | None = None, start: str | None = "post_1"
         ) -> OutgoingMessage:
    buttons = ((Button("🙋 Request", "", start),),) if start else ()
    return OutgoingMessage(0, "<b>Dal</b>\n1 portion left", buttons, photo,
                           inline_message_id=card_id)


def test_the_notifier_edits_a_card_keeps_its_deep_link_and_sees_a_deleted_one_gone(api, loop):
    bot = Bot(OFFLINE_TOKEN, request=api, get_updates_request=api)
    loop.run_until_complete(bot.initialize())
    notifier = LoopBotNotifier(bot, loop)
    card, card_id = post_card(api)
    assert loop.run_until_complete(notifier.send_async(edit(card_id))) is Delivery.SENT
    assert card.shown == "Dal\n1 portion left"
    assert card.buttons[0][0]["url"] == "https://t.me/NeighborShareBot?start=post_1"
    # the same again: Telegram says nothing changed, which is done
    assert loop.run_until_complete(notifier.send_async(edit(card_id))) is Delivery.SENT
    assert card.edits == 1
    # the dish's photo arrived since: the card itself still has none, its text is edited
    assert loop.run_until_complete(notifier.send_async(
        edit(card_id, photo="AgAD", start=None))) is Delivery.SENT
    assert card.buttons == [] and card.edits == 2
    card.deleted = True
    assert loop.run_until_complete(notifier.send_async(edit(card_id))) is Delivery.GONE
    loop.run_until_complete(bot.shutdown())


def test_a_photo_card_is_edited_through_its_caption(api, loop):
    bot = Bot(OFFLINE_TOKEN, request=api, get_updates_request=api)
    loop.run_until_complete(bot.initialize())
    card, card_id = post_card(api, photo=True)
    notifier = LoopBotNotifier(bot, loop)
    assert loop.run_until_complete(notifier.send_async(edit(card_id, photo=card.photo))) \
        is Delivery.SENT
    assert card.shown == "Dal\n1 portion left" and card.photo is not None
    assert [name for name, _ in api.calls] == ["getMe", "editMessageCaption"]
    with pytest.raises(BadRequest):
        loop.run_until_complete(bot.edit_message_text("x", inline_message_id=card_id))
    loop.run_until_complete(bot.shutdown())
