"""/browse: cards of dishes nearby, five at a time, nearest first."""

from __future__ import annotations

import re

from neighborshare.domain.errors import PostNotAvailable
from neighborshare.entrypoints.bot.flows.common import bounded, button_parts, one_of
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import keyboards
from neighborshare.presentation.cards import post_card
from neighborshare.presentation.i18n import N_, _

MAX_PAGE = 200  # five dishes a page: far beyond any neighborhood's dishes at once
_LINKED_POST = re.compile(r"^post_(\d{1,18})$")

EMPTY = N_("Nothing to pick up nearby right now. Why not /share something?")
EMPTY_FILTERED = N_(
    "Nothing nearby fits your diet right now. Tap below to see every dish, or /share one."
)


async def start(turn: Turn) -> None:
    """The first page of dishes that fit the neighbor's diet."""
    await show(turn, 0, show_all=False)


async def on_button(turn: Turn) -> None:
    parts = button_parts(turn)
    mode, page = one_of(parts[1], ("fit", "all")), bounded(parts[2], 0, MAX_PAGE)
    await turn.edit(None)
    await show(turn, page, show_all=mode == "all")


async def show(turn: Turn, page: int, show_all: bool) -> None:
    user = await turn.user()
    assert user.id is not None
    found = await turn.deps.run(turn.deps.food.browse, user.id, page, show_all)
    restricted = bool(user.allergies or user.diet_restrictions or user.custom_allergies)
    nav = keyboards.browse_nav(page, found.has_more, show_all, restricted)
    on_map = keyboards.map_row(turn.deps.miniapp_url) if _private(turn) else ()
    if not found.cards:
        await turn.say(EMPTY_FILTERED if restricted and not show_all else EMPTY, nav + on_map)
        return
    now = turn.deps.clock.now()
    for card in found.cards:
        assert card.post.id is not None
        await turn.say(post_card(card, turn.deps.tz, now, user if show_all else None),
                       keyboards.card_buttons(card.post.id), photo=card.post.photo_file_id)
    if nav or on_map:
        scope = _("Page {page} · all dishes") if show_all else _(
            "Page {page} · dishes that fit your diet")
        await turn.say(scope.format(page=page + 1), nav + on_map)


def _private(turn: Turn) -> bool:
    """Telegram takes a Mini App's button only in a private chat."""
    chat = turn.update.effective_chat
    return chat is not None and chat.type == "private"


def linked_post(payload: str | None) -> int | None:
    """The dish a deep link ("post_12", from t.me/Bot?start=post_12) points to."""
    match = _LINKED_POST.match(payload or "")
    return int(match[1]) if match else None


async def show_card(turn: Turn, post_id: int) -> None:
    """One dish's card, as /browse shows it, while it can still be requested."""
    card = await turn.deps.run(turn.deps.food.card, await turn.user_id(), post_id)
    now = turn.deps.clock.now()
    if not card.post.is_available(now):
        raise PostNotAvailable()
    await turn.say(post_card(card, turn.deps.tz, now, await turn.user()),
                   keyboards.card_buttons(post_id), photo=card.post.photo_file_id)
