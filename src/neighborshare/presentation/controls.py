"""The messages of a neighbor's controls and of a sharer stepping back (merged into the
renderer's templates): dishes withdrawn or changed, a paused sharer, an erased account."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from neighborshare.ports.services import Button
from neighborshare.presentation.formatting import esc, listing, window
from neighborshare.presentation.i18n import _
from neighborshare.presentation.labels import named

Buttons = tuple[tuple[Button, ...], ...]


def _dish(p: dict[str, Any]) -> str:
    return f"<b>{esc(p.get('name', ''))}</b>"


def sharer_away(p: dict[str, Any], tz: ZoneInfo) -> tuple[str, Buttons]:
    return _(
        "Sorry, {dish} is no longer offered, so your request was declined. Your credits are back."
    ).format(dish=_dish(p)), ()


def sharer_away_pickup_stands(p: dict[str, Any], tz: ZoneInfo) -> tuple[str, Buttons]:
    return _(
        "The sharer of {dish} can't share new dishes for now, but your accepted pickup still "
        "stands. Tap Picked up once you have it."
    ).format(dish=_dish(p)), ((Button(_("Picked up"), f"x:done:{p.get('exchange_id')}"),),)


def post_withdrawn(p: dict[str, Any], tz: ZoneInfo) -> tuple[str, Buttons]:
    return _(
        "Sorry, the sharer withdrew {dish}, so your request was cancelled. Your credits are back."
    ).format(dish=_dish(p)), ()


def dish_relabelled(p: dict[str, Any], tz: ZoneInfo) -> tuple[str, Buttons]:
    allergens = esc(listing(named(p.get("allergens") or [])))
    diets = esc(listing(named(p.get("diet_tags") or []), _("none")))
    text = _(
        "⚠️ The sharer changed what {dish} contains.\n"
        "Allergens: {allergens}\nDiet: {diets}\n"
        "If it no longer suits you, cancel and your credits come back."
    ).format(dish=_dish(p), allergens=allergens, diets=diets)
    return text, ((Button(_("Cancel with refund"), f"x:cnl:{p.get('exchange_id')}"),),)


def pickup_moved(p: dict[str, Any], tz: ZoneInfo) -> tuple[str, Buttons]:
    text = _(
        "🕒 The pickup of {dish} moved to {window}.\n"
        "If you can't make it, cancel and your credits come back."
    ).format(dish=_dish(p), window=window(str(p["window_start"]), str(p["window_end"]), tz))
    return text, ((Button(_("Cancel with refund"), f"x:cnl:{p.get('exchange_id')}"),),)


CONTROL_TEMPLATES = {
    "pickup_moved": pickup_moved,
    "cancelled_post_withdrawn": post_withdrawn,
    "dish_relabelled": dish_relabelled,
    "sharer_away": sharer_away,
    "sharer_away_pickup_stands": sharer_away_pickup_stands,
}
