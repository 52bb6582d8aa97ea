"""/rate: food stars (the requester only), interaction stars, then an optional comment."""

from __future__ import annotations

from neighborshare.entrypoints.bot.flows.common import (
    bounded,
    button_id,
    button_parts,
    typed_text,
)
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.ports.services import Button
from neighborshare.presentation import keyboards, texts
from neighborshare.presentation.formatting import esc, who
from neighborshare.presentation.i18n import N_, _

FLOW = "rate"
NOTHING = N_("Nothing to rate right now. After a pickup I'll ask you how it went.")


async def start(turn: Turn) -> None:
    """Rate the one open exchange, or choose among several."""
    user_id = await turn.user_id()
    open_ids = await turn.deps.run(turn.deps.ratings.pending_for, user_id)
    if not open_ids:
        await turn.say(NOTHING)
    elif len(open_ids) == 1:
        await _begin(turn, open_ids[0])
    else:
        views = [await turn.deps.run(turn.deps.exchanges.view, user_id, x) for x in open_ids[:8]]
        choices = tuple(
            (Button(_("{dish} with {other}").format(dish=v.post.name, other=who(v.other_name)),
                    f"rate:{v.exchange.id}"),)
            for v in views
        )
        await turn.say(_("Which exchange would you like to rate?"), choices)


async def from_button(turn: Turn) -> None:
    await _begin(turn, button_id(button_parts(turn)[1]))


async def _begin(turn: Turn, exchange_id: int) -> None:
    user_id = await turn.user_id()
    view = await turn.deps.run(turn.deps.exchanges.view, user_id, exchange_id)
    # ask before the stars, not after: not yet picked up, the 7 days over, or already rated
    await turn.deps.run(turn.deps.ratings.ensure_may_rate, user_id, exchange_id)
    turn.begin(FLOW, "food", exchange_id=exchange_id, other=who(view.other_name),
               dish=view.post.name)
    if view.exchange.requester_id == user_id:
        await turn.say(_("How was <b>{dish}</b>?").format(dish=esc(view.post.name)),
                       keyboards.stars("rt:f"))
    else:
        await _ask_interaction(turn)


async def _ask_interaction(turn: Turn) -> None:
    turn.go("interaction")
    other = esc(turn.data["other"])
    await turn.say(_("How was the pickup with {other}?").format(other=other),
                   keyboards.stars("rt:i"))


async def on_button(turn: Turn) -> None:
    parts = button_parts(turn)
    if parts[1] == "f" and turn.at(FLOW, "food"):
        food = bounded(parts[2], 1, 5)
        turn.data["food"] = food
        await turn.edit(_("Food: {stars}").format(stars="⭐" * food))
        await _ask_interaction(turn)
    elif parts[1] == "i" and turn.at(FLOW, "interaction"):
        interaction = bounded(parts[2], 1, 5)
        turn.go("comment", interaction=interaction)
        await turn.edit(_("Pickup: {stars}").format(stars="⭐" * interaction))
        await turn.say(_("Anything to add? Type a short comment, or tap Skip."),
                       keyboards.skip("rt:skip"))
    elif parts[1] == "skip" and turn.at(FLOW, "comment"):
        await turn.edit(None)
        await _submit(turn, "")
    else:
        await turn.say(texts.STALE_BUTTON)


async def on_message(turn: Turn) -> None:
    text = typed_text(turn)
    if turn.at(FLOW, "comment") and text is not None:
        await _submit(turn, text)
    else:
        await turn.say(_("Please tap the stars above."))


async def _submit(turn: Turn, comment: str) -> None:
    data = turn.data
    food = data.get("food")
    await turn.deps.run(turn.deps.ratings.rate, await turn.user_id(), int(data["exchange_id"]),
                        int(data["interaction"]), food, comment)
    turn.end()
    thanks = _("🙏 Thanks for rating!")
    if food == 5:
        thanks += " " + _("{other} gets a bonus credit for a 5-star dish.").format(
            other=esc(data["other"]))
    await turn.say(thanks)
