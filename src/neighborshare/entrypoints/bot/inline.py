"""Inline mode: "@Bot" typed in any chat offers the neighbor's open dishes (or, with words
after it, open dishes nearby that match) as cards they can post there.

A card is written for a group's readers: the dish, its portions, allergens and window, and a
Request button that opens the private chat at that dish. Never an apartment, a phone or an
exact location: what a group may read is the dish alone.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import Bot, InlineQuery, Update

from neighborshare.domain.posts import FoodPost
from neighborshare.entrypoints.bot.deps import BotDeps
from neighborshare.entrypoints.bot.groups import private_chat_link
from neighborshare.entrypoints.bot.outgoing import ApiCall, send
from neighborshare.presentation import i18n
from neighborshare.presentation.cards import REQUEST_LABEL, chat_card, chat_card_summary

MAX_RESULTS = 20  # Telegram shows a few at once; 50 is its limit
CACHE_SECONDS = 10  # short: portions change, and the answer is the neighbor's own
_RESULT_ID = re.compile(r"^post_(\d{1,18})$")


async def on_inline(update: Update, bot: Bot, deps: BotDeps) -> None:
    """Answer an inline query with cards; remember the card a neighbor chose to post."""
    chosen, query = update.chosen_inline_result, update.inline_query
    if chosen is not None:
        post_id = chosen_post(chosen.result_id)
        if post_id is not None and chosen.inline_message_id:
            language = i18n.choose(chosen.from_user.language_code, deps.rules.default_language)
            await deps.run(deps.food.keep_card, post_id, chosen.inline_message_id, language)
        return
    if query is None:
        return
    posts = await deps.run(deps.food.to_pass_on, query.from_user.id, query.query, MAX_RESULTS)
    language = i18n.choose(query.from_user.language_code, deps.rules.default_language)
    with i18n.speaking(language):
        results = [result(post, bot, deps) for post in posts]
    await send(ApiCall(bot, "answerInlineQuery", answer(query, results)))


def chosen_post(result_id: str) -> int | None:
    """The dish of a chosen result ("post_12"); None for anything the bot did not offer."""
    match = _RESULT_ID.match(result_id)
    return int(match[1]) if match else None


def answer(query: InlineQuery, results: list[dict[str, Any]]) -> dict[str, Any]:
    return {"inline_query_id": query.id, "results": results, "cache_time": CACHE_SECONDS,
            "is_personal": True}


def result(post: FoodPost, bot: Bot, deps: BotDeps) -> dict[str, Any]:
    """One inline result: the dish's card, with its photo when it has one."""
    assert post.id is not None
    now = deps.clock.now()
    text = chat_card(post, deps.tz, now)
    markup = request_markup(bot, post.id)
    common: dict[str, Any] = {"id": f"post_{post.id}", "title": post.name,
                              "description": chat_card_summary(post, deps.tz, now)}
    if markup is not None:
        common["reply_markup"] = markup
    if post.photo_file_id:
        return common | {"type": "photo", "photo_file_id": post.photo_file_id,
                         "caption": text, "parse_mode": "HTML"}
    return common | {"type": "article", "input_message_content": {
        "message_text": text, "parse_mode": "HTML"}}


def request_markup(bot: Bot, post_id: int) -> dict[str, Any] | None:
    """The card's one button: a deep link into the private chat, at this dish."""
    link = private_chat_link(bot, f"post_{post_id}")
    if link is None:
        return None
    return {"inline_keyboard": [[{"text": str(REQUEST_LABEL), "url": link}]]}
