"""Requesting portions, the sharer's answer, pickup, and /mine."""

from __future__ import annotations

from neighborshare.domain.errors import NotEnoughCredits, PostNotAvailable
from neighborshare.domain.posts import FoodPost
from neighborshare.entrypoints.bot.flows import my_posts
from neighborshare.entrypoints.bot.flows.common import (
    bounded,
    button_id,
    button_parts,
    number,
    one_of,
)
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import keyboards
from neighborshare.presentation.cards import exchange_text, not_for, request_sent
from neighborshare.presentation.formatting import esc, plural
from neighborshare.presentation.i18n import N_, _
from neighborshare.services.exchanges import ExchangeView

REQUEST_HINT = N_(
    "Tap 🙋 Request under a dish in /browse, or type /request followed by the dish number "
    "and the portions, e.g. /request 12 2."
)


async def request_command(turn: Turn) -> None:
    """/request POST [PORTIONS]."""
    args = (turn.update.message.text or "").split()[1:] if turn.update.message else []
    if not args:
        await turn.say(REQUEST_HINT)
        return
    post_id = number(args[0].lstrip("#"))
    if len(args) > 1:
        await _request(turn, post_id, number(args[1]))
    else:
        await _ask_portions(turn, post_id)


async def on_card_button(turn: Turn) -> None:
    """Request (asked first when the dish doesn't fit the neighbor), or Request anyway."""
    parts = button_parts(turn)
    anyway = one_of(parts[1], ("req", "any")) == "any"
    if anyway:
        await turn.edit(None)
    await _ask_portions(turn, button_id(parts[2]), anyway)


async def on_portions(turn: Turn) -> None:
    parts = button_parts(turn)
    post_id, portions = button_id(parts[1]), bounded(parts[2], 1, keyboards.PORTIONS_OFFERED)
    await turn.edit(None)
    await _request(turn, post_id, portions)


async def _ask_portions(turn: Turn, post_id: int, anyway: bool = False) -> None:
    """The portion buttons; a dish that doesn't fit the neighbor's diet or allergies asks
    first, unless ``anyway``."""
    user, user_id = await turn.user(), await turn.user_id()
    food, credits = turn.deps.food, turn.deps.credits
    card, balance = await turn.deps.run(
        lambda: (food.card(user_id, post_id), credits.balance(user_id)))
    if card.post.portions_left < 1 or not card.post.is_available(turn.deps.clock.now()):
        raise PostNotAvailable()
    if not anyway and not_for(user, card.post):
        await turn.say(_("<b>{dish}</b> doesn't fit your diet or allergies. Request it anyway?")
                       .format(dish=esc(card.post.name)), keyboards.request_anyway(post_id))
        return
    await turn.say(*_portion_question(card.post, balance, turn.deps.rules.credits_per_portion))


def _portion_question(post: FoodPost, balance: int, price: int) -> tuple[str, keyboards.Rows]:
    """As many buttons as are left, offered and paid for; none paid for: refused now."""
    if balance < price:
        raise NotEnoughCredits("request_costs", cost=price, balance=balance)
    left = post.portions_left
    text = _("How many portions of <b>{dish}</b> would you like? ({left} left, one credit each)"
             ).format(dish=esc(post.name), left=left)
    affordable = balance // price if price else left
    if affordable < min(left, keyboards.PORTIONS_OFFERED):
        text += "\n" + _("You have {credits}: enough for {portions}.").format(
            credits=plural(balance, "credit"), portions=plural(affordable, "portion"))
    shown = min(affordable, keyboards.PORTIONS_OFFERED)
    return text, keyboards.portions(f"rq:{post.id}", left, shown)


async def _request(turn: Turn, post_id: int, portions: int) -> None:
    user_id = await turn.user_id()
    exchanges, credits = turn.deps.exchanges, turn.deps.credits

    def request() -> tuple[ExchangeView, int]:  # one trip to the pool
        exchange = exchanges.request(user_id, post_id, portions)
        assert exchange.id is not None
        return exchanges.view(user_id, exchange.id), credits.balance(user_id)

    view, balance = await turn.deps.run(request)
    await turn.say(request_sent(view, portions, balance),
                   keyboards.exchange_actions(view, user_id, turn.deps.clock.now()))


async def on_button(turn: Turn) -> None:
    """Accept, decline, cancel, picked up, no-show: then redraw the exchange."""
    parts = button_parts(turn)
    service = turn.deps.exchanges
    actions = {"acc": service.accept, "dec": service.decline, "cnl": service.cancel,
               "done": service.confirm_pickup, "ns": service.no_show}
    action = actions[one_of(parts[1], actions)]
    exchange_id = button_id(parts[2])
    user_id = await turn.user_id()

    def act() -> ExchangeView:  # one trip to the pool
        action(user_id, exchange_id)
        return service.view(user_id, exchange_id)

    view = await turn.deps.run(act)
    buttons = keyboards.exchange_actions(view, user_id, turn.deps.clock.now())
    await turn.edit(_exchange_text(turn, view, user_id), buttons)


async def mine(turn: Turn) -> None:
    """The neighbor's posts, then each exchange with the buttons its state allows."""
    user_id = await turn.user_id()
    food, exchanges = turn.deps.food, turn.deps.exchanges
    posts, views = await turn.deps.run(lambda: (food.by_sharer(user_id), exchanges.mine(user_id)))
    if posts:
        await my_posts.show_posts(turn, posts)
    else:
        await turn.say(_("You haven't shared anything yet. /share offers a dish."))
    if not views:
        await turn.say(_("No requests yet. /browse shows dishes nearby."))
    for view in views[:10]:
        await turn.say(_exchange_text(turn, view, user_id),
                       keyboards.exchange_actions(view, user_id, turn.deps.clock.now()))


def _exchange_text(turn: Turn, view: ExchangeView, user_id: int) -> str:
    return exchange_text(view, user_id, turn.deps.tz, turn.deps.clock.now())
