"""The messages of a neighbor's controls and of a sharer stepping back (merged into the
renderer's templates): dishes withdrawn or changed, a paused sharer, an erased account."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from neighborshare.ports.services import Button
from neighborshare.presentation.formatting import esc
from neighborshare.presentation.i18n import _

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


CONTROL_TEMPLATES = {
    "sharer_away": sharer_away,
    "sharer_away_pickup_stands": sharer_away_pickup_stands,
}
