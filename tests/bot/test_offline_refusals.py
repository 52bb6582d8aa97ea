"""The offline Bot API refuses what Telegram refuses, with Telegram's status and description.

Each case fails if the offline API accepts what Telegram would not.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    MenuButtonWebApp,
    ReplyKeyboardMarkup,
    WebAppInfo,
)
from telegram.error import BadRequest

from neighborshare.adapters.telegram.entities import parse, utf16_length
from neighborshare.adapters.telegram.errors import BotApiError
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi

CHAT = 7
EMOJI = "🍲"  # two UTF-16 code units


def run(api: OfflineBotApi, action: Callable[[Bot], Awaitable[Any]]) -> Any:
    async def go() -> Any:
        async with Bot(OFFLINE_TOKEN, request=api, get_updates_request=api) as bot:
            return await action(bot)

    return asyncio.run(go())


@pytest.fixture
def api() -> OfflineBotApi:
    api = OfflineBotApi()
    api.start(CHAT)
    return api


def refused(api: OfflineBotApi, action: Callable[[Bot], Awaitable[Any]]) -> str:
    """Telegram's description of the refusal (PTB drops "Bad Request: " and capitalises)."""
    with pytest.raises(BadRequest) as caught:
        run(api, action)
    return caught.value.message


@pytest.mark.parametrize(("html", "reason"), [
    ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
    ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
    ("x</b>", "Unexpected end tag at byte offset 1"),
    ("<b>x</b", "Unclosed end tag at byte offset 4"),
    ("x <b", "Unclosed start tag at byte offset 2"),
    ('<a href="x', "Unclosed start tag at byte offset 0"),
    ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ('<span class="big">x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ("<br>", 'Unsupported start tag "br" at byte offset 0'),
    ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
    ("a < b", 'Unsupported start tag "" at byte offset 2'),
    (f"{EMOJI}<p>", 'Unsupported start tag "p" at byte offset 4'),  # offsets count bytes
    ("<a =\"x\">y</a>", 'Empty attribute name in the tag "a" at byte offset 0'),
    ("<a href=x/>y</a>", "Unexpected end of name token at byte offset 8"),
    ('<tg-emoji emoji-id="x">y</tg-emoji>', "Invalid custom emoji identifier specified"),
    ("Soup & bread", "Unescaped '&' at byte offset 5"),  # stricter: Telegram shows it as text
])
def test_html_telegram_cannot_parse_is_refused(api: OfflineBotApi, html: str, reason: str) -> None:
    message = refused(api, lambda bot: bot.send_message(CHAT, html, parse_mode="HTML"))
    assert message.lower().startswith(f"can't parse entities: {reason}".lower())
    assert api.messages(CHAT) == []


def test_documented_html_is_accepted_and_shown_as_a_client_shows_it(api: OfflineBotApi) -> None:
    html = ('<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>'
            '<strike>k</strike><del>d</del><span class="tg-spoiler">p</span>'
            '<tg-spoiler>q</tg-spoiler><a href="https://t.me/NeighborShareBot?start=post_1">a</a>'
            '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><code>c</code>'
            '<pre><code class="language-python">x</code></pre><blockquote>q</blockquote>'
            '<blockquote expandable>z</blockquote> &lt;&gt;&amp;&quot;&#39;&#x1F372; a > b')
    run(api, lambda bot: bot.send_message(CHAT, html, parse_mode="HTML"))
    assert api.last(CHAT).shown == "bsieunskdpqa👍cxqz <>&\"'🍲 a > b"
    parsed = parse("<b>x</b> <i>" + EMOJI + "y</i>", "HTML")
    assert [(e.type, e.offset, e.length) for e in parsed.entities] == [
        ("bold", 0, 1), ("italic", 2, 3)]  # offsets and lengths in UTF-16 code units


def test_texts_are_measured_after_parsing_in_utf16_code_units(api: OfflineBotApi) -> None:
    longest = "<b>" + "&amp;" * 4096 + "</b>"  # 24,583 characters of HTML, 4096 shown
    run(api, lambda bot: bot.send_message(CHAT, longest, parse_mode="HTML"))
    assert refused(api, lambda bot: bot.send_message(CHAT, "x" * 4097)) == "Message is too long"
    emoji = EMOJI * 2048 + "x"  # 2,049 characters, 4,097 code units
    assert utf16_length(emoji) == 4097
    assert refused(api, lambda bot: bot.send_message(CHAT, emoji)) == "Message is too long"
    for empty in ("", "   \n ", "<b></b>", "<b> </b>"):
        assert refused(api, lambda bot, text=empty: bot.send_message(  # type: ignore[misc]
            CHAT, text, parse_mode="HTML")) == "Message text is empty"
    assert len(api.messages(CHAT)) == 1


def test_captions_hold_at_most_1024_characters(api: OfflineBotApi) -> None:
    photo = api.add_file(b"jpeg")
    run(api, lambda bot: bot.send_photo(CHAT, photo, caption="&lt;" * 1024, parse_mode="HTML"))
    run(api, lambda bot: bot.send_photo(CHAT, photo))  # no caption is fine
    assert refused(api, lambda bot: bot.send_photo(CHAT, photo, caption=EMOJI * 513)) == (
        "Message caption is too long")
    assert refused(api, lambda bot: bot.send_photo(CHAT, photo, caption="x" * 2000)) == (
        "Message caption is too long")


def _keyboard(rows: int, per_row: int, data: str = "x") -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(f"{r}.{c}", callback_data=data)
                                  for c in range(per_row)] for r in range(rows)])


def test_callback_data_holds_1_to_64_bytes(api: OfflineBotApi) -> None:
    run(api, lambda bot: bot.send_message(CHAT, "ok", reply_markup=_keyboard(1, 1, "é" * 32)))
    for data in ("", "x" * 65, "é" * 33, "x" * 100):
        assert refused(api, lambda bot, d=data: bot.send_message(  # type: ignore[misc]
            CHAT, "hi", reply_markup=_keyboard(1, 1, d))).lower() == "button_data_invalid"


def test_keyboards_hold_at_most_8_buttons_a_row_and_100_in_all(api: OfflineBotApi) -> None:
    run(api, lambda bot: bot.send_message(CHAT, "ok", reply_markup=_keyboard(12, 8)))  # 96
    for rows, per_row in ((1, 9), (1, 120), (13, 8), (101, 1)):
        assert refused(api, lambda bot, r=rows, p=per_row: bot.send_message(  # type: ignore[misc]
            CHAT, "hi", reply_markup=_keyboard(r, p))) == "Reply markup is too long"
    bare = InlineKeyboardMarkup([[InlineKeyboardButton("just text")]])
    assert refused(api, lambda bot: bot.send_message(CHAT, "hi", reply_markup=bare)) == (
        "Text buttons are unallowed in the inline keyboard")


def test_edits_telegram_refuses(api: OfflineBotApi) -> None:
    photo = api.add_file(b"jpeg")
    keys = _keyboard(1, 1)

    async def send(bot: Bot) -> tuple[int, int]:
        text = await bot.send_message(CHAT, "<b>Dal</b>", parse_mode="HTML", reply_markup=keys)
        dish = await bot.send_photo(CHAT, photo, caption="Dal")
        return text.message_id, dish.message_id

    text_id, photo_id = run(api, send)
    assert refused(api, lambda bot: bot.edit_message_text("New", CHAT, photo_id)) == (
        "There is no text in the message to edit")
    assert refused(api, lambda bot: bot.edit_message_caption(CHAT, text_id, caption="x")) == (
        "There is no caption in the message to edit")
    same = [lambda bot: bot.edit_message_text("<strong>Dal</strong>", CHAT, text_id,
                                              parse_mode="HTML", reply_markup=keys),
            lambda bot: bot.edit_message_reply_markup(CHAT, text_id, reply_markup=keys),
            lambda bot: bot.edit_message_caption(CHAT, photo_id, caption="Dal ")]
    for edit in same:
        assert refused(api, edit).lower() == (
            "message is not modified: specified new message content and reply markup are "
            "exactly the same as a current content and reply markup of the message")
    assert refused(api, lambda bot: bot.edit_message_text("x", CHAT, 999)) == (
        "Message to edit not found")
    assert refused(api, lambda bot: bot.edit_message_text("", CHAT, text_id)) == (
        "Message text is empty")
    assert refused(api, lambda bot: bot.edit_message_text("x" * 4097, CHAT, text_id)) == (
        "Message is too long")
    assert [m.edits for m in api.messages(CHAT)] == [0, 0]


def test_files_over_20_mb_cannot_be_fetched(api: OfflineBotApi) -> None:
    big, fine = api.add_file(bytes(20_000_001)), api.add_file(bytes(20_000_000))
    assert refused(api, lambda bot: bot.get_file(big)) == "File is too big"
    assert run(api, lambda bot: bot.get_file(fine)).file_size == 20_000_000


def test_markdown_is_not_spoken_and_plain_text_is_kept_as_is(api: OfflineBotApi) -> None:
    assert refused(api, lambda bot: bot.send_message(CHAT, "*x*", parse_mode="MarkdownV2")) == (
        "Unsupported parse_mode")
    run(api, lambda bot: bot.send_message(CHAT, "<b>x & y"))  # no parse mode: just text
    assert api.last(CHAT).shown == "<b>x & y"


def test_check_html_raises_the_offline_apis_error() -> None:
    with pytest.raises(BotApiError) as caught:
        parse("<b>x", "HTML")
    assert caught.value.status == 400
    assert caught.value.description.startswith("Bad Request: can't parse entities: ")


def test_set_my_commands_refuses_what_telegram_refuses(api: OfflineBotApi) -> None:
    for command in ("Share", "share-it", "x" * 33, ""):
        assert refused(api, lambda bot, c=command: bot.set_my_commands(  # type: ignore[misc]
            [BotCommand(c, "Share a dish")])).lower() == "bot_command_invalid"
    for description in ("", "x" * 257):
        assert refused(api, lambda bot, d=description: bot.set_my_commands(  # type: ignore[misc]
            [BotCommand("share", d)])).lower() == "bot_command_description_invalid"
    assert api.setup.commands_for() == []


def _map(url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("🗺 Map", web_app=WebAppInfo(url))]])


def test_a_mini_app_button_opens_over_https_and_only_in_a_private_chat(
    api: OfflineBotApi,
) -> None:
    run(api, lambda bot: bot.send_message(CHAT, "ok", reply_markup=_map("https://x.example/m/")))
    assert refused(api, lambda bot: bot.send_message(
        CHAT, "hi", reply_markup=_map("http://x.example/m/"))) == (
        "Inline keyboard button web app url 'http://x.example/m/' is invalid: "
        "only https links are allowed")
    group = api.add_group("hall", [{"id": CHAT, "is_bot": False, "first_name": "Tom"}])
    assert refused(api, lambda bot: bot.send_message(
        group.id, "hi", reply_markup=_map("https://x.example/m/"))).lower() == (
        "button_type_invalid")
    sent = run(api, lambda bot: bot.send_message(group.id, "ok"))
    assert refused(api, lambda bot: bot.edit_message_reply_markup(
        group.id, sent.message_id, reply_markup=_map("https://x.example/m/"))).lower() == (
        "button_type_invalid")


def test_a_reply_keyboards_mini_app_button_is_for_private_chats_too(api: OfflineBotApi) -> None:
    button = KeyboardButton("🗺 Map", web_app=WebAppInfo("https://x.example/m/"))
    run(api, lambda bot: bot.send_message(CHAT, "ok", reply_markup=ReplyKeyboardMarkup([[button]])))
    group = api.add_group("hall", [{"id": CHAT, "is_bot": False, "first_name": "Tom"}])
    assert refused(api, lambda bot: bot.send_message(
        group.id, "hi", reply_markup=ReplyKeyboardMarkup([[button]]))).lower() == (
        "button_type_invalid")


def test_the_menu_button_may_open_a_mini_app_over_https(api: OfflineBotApi) -> None:
    button = MenuButtonWebApp("🗺 Map", WebAppInfo("https://x.example/m/"))
    assert run(api, lambda bot: bot.set_chat_menu_button(menu_button=button)) is True
    assert api.setup.menu_button(CHAT)["web_app"] == {"url": "https://x.example/m/"}
    plain = MenuButtonWebApp("🗺 Map", WebAppInfo("http://x.example/m/"))
    assert "Only HTTPS links are allowed".lower() in refused(
        api, lambda bot: bot.set_chat_menu_button(menu_button=plain)).lower()
