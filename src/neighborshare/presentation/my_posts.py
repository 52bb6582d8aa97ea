"""What /mine says and offers about a sharer's own dishes: withdraw (asked first) and edit."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from neighborshare.domain.posts import FoodPost
from neighborshare.ports.services import Button
from neighborshare.presentation import keyboards
from neighborshare.presentation.cards import dish_lines
from neighborshare.presentation.formatting import esc, plural, window
from neighborshare.presentation.i18n import N_, _, ngettext
from neighborshare.presentation.keyboards import Rows

YOUR_POSTS = N_("<b>Your posts</b>")
EARLIER_POSTS = N_("<b>Earlier posts</b>")
EDIT_FINISHED = N_("✔️ All set. /mine shows your posts.")

# the parts of a dish the sharer may correct, as the edit menu's buttons carry them
FIELDS = {
    "name": N_("Name"),
    "desc": N_("Description"),
    "por": N_("Portions"),
    "win": N_("Pickup window"),
    "alg": N_("Allergens"),
    "diet": N_("Diet"),
}


def post_actions(post_id: int) -> Rows:
    return ((Button(_("✏️ Edit"), f"mp:ed:{post_id}"),
             Button(_("🗑 Withdraw"), f"mp:wd:{post_id}")),)


def confirm_withdrawal(post: FoodPost, holders: int) -> tuple[str, Rows]:
    dish = esc(post.name)
    if holders:
        text = ngettext(
            "Withdraw <b>{dish}</b>? {count} open request will be cancelled and the neighbor "
            "gets the credits back.",
            "Withdraw <b>{dish}</b>? {count} open requests will be cancelled and each neighbor "
            "gets the credits back.",
            holders,
        ).format(dish=dish, count=holders)
    else:
        text = _("Withdraw <b>{dish}</b>? Nobody has asked for it yet.").format(dish=dish)
    buttons = ((Button(_("🗑 Withdraw now"), f"mp:wy:{post.id}"),
                Button(_("Keep it"), f"mp:keep:{post.id}")),)
    return text, buttons


def withdrawn(name: str, cancelled: int) -> str:
    text = _("🗑 <b>{dish}</b> is withdrawn: it's gone from /browse.").format(dish=esc(name))
    if cancelled:
        text += "\n" + ngettext(
            "{count} request was cancelled and refunded; the neighbor has been told.",
            "{count} requests were cancelled and refunded; each neighbor has been told.",
            cancelled,
        ).format(count=cancelled)
    return text


def edit_menu(post: FoodPost, tz: ZoneInfo, now: datetime, saved: bool = False) -> tuple[str, Rows]:
    head = _("Saved.") + "\n\n" if saved else ""
    text = head + _("What would you like to change?") + "\n\n" + dish_lines(post, tz, now)
    if post.description:
        text += f"\n<i>{esc(post.description)}</i>"
    fields = [Button(str(label), f"mp:f:{post.id}:{key}") for key, label in FIELDS.items()]
    rows = tuple(tuple(fields[i : i + 2]) for i in range(0, len(fields), 2))
    return text, (*rows, (Button(_("Done ✔️"), f"mp:done:{post.id}"),))


def question(
    field: str, post: FoodPost, tz: ZoneInfo, local_now: datetime, maximum: int
) -> tuple[str, Rows]:
    """What the bot asks to correct ``field`` of the dish, with its buttons."""
    if field == "alg":
        chosen = [a.value for a in post.allergens]
        return ask_allergens(post), keyboards.allergen_checklist("mp:alg", chosen)
    if field == "diet":
        chosen = [t.value for t in post.diet_tags]
        return ask_diet(post), keyboards.diet_checklist("mp:diet", chosen)
    if field == "win":
        presets = keyboards.pickup_presets(local_now, f"mp:win:{post.id}")
        return ask_window(post, tz, local_now), presets
    if field == "por":
        return ask_portions(post, maximum), ()
    return (ask_name(post) if field == "name" else ask_description(post)), ()


def ask_name(post: FoodPost) -> str:
    return _("Send the new name for <b>{dish}</b>.").format(dish=esc(post.name))


def ask_description(post: FoodPost) -> str:
    return _(
        "Send the new description for <b>{dish}</b>, or a single “-” to remove it."
    ).format(dish=esc(post.name))


def ask_portions(post: FoodPost, maximum: int) -> str:
    low = max(1, post.portions_reserved)
    text = _("How many portions of <b>{dish}</b> in all? Send a number from {low} to {max}.")
    if post.portions_reserved:
        held = plural(post.portions_reserved, "portion")
        text += " " + _("(Neighbors already hold {held}.)").format(held=held)
    return text.format(dish=esc(post.name), low=low, max=maximum)


def ask_window(post: FoodPost, tz: ZoneInfo, now: datetime) -> str:
    return _(
        "Pickup of <b>{dish}</b> is {window}. It can only move later: tap a time, or type "
        "one like “6-8pm today” or “tomorrow 12-2pm”."
    ).format(dish=esc(post.name), window=window(post.window.start, post.window.end, tz, now))


def ask_allergens(post: FoodPost) -> str:
    return _("Which allergens does <b>{dish}</b> contain? Tap to change, then Done.").format(
        dish=esc(post.name))


def ask_diet(post: FoodPost) -> str:
    return _("Which diets does <b>{dish}</b> suit? Tap to change, then Done.").format(
        dish=esc(post.name))
