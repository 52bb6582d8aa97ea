"""How the daily and weekly digests read (merged into the renderer's templates)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from neighborshare.ports.services import Button
from neighborshare.presentation.formatting import distance, esc, plural, window
from neighborshare.presentation.i18n import _
from neighborshare.presentation.settings import open_button

Buttons = tuple[tuple[Button, ...], ...]


def daily(p: dict[str, Any], tz: ZoneInfo) -> tuple[str, Buttons]:
    posts: list[dict[str, Any]] = list(p.get("posts", []))
    lines = [_("☀️ Good morning! {dishes} near you today:").format(
        dishes=plural(len(posts), "dish"))]
    for item in posts:
        when = window(str(item["window_start"]), str(item["window_end"]), tz)
        lines.append(_("• <b>{name}</b> ({distance}), {portions}, pickup {window}").format(
            name=esc(item["name"]), distance=esc(distance(item["distance"])),
            portions=plural(int(item["portions_left"]), "portion"), window=when,
        ))
    buttons = tuple(
        (Button(_("Request {dish}").format(dish=item["name"])[:60], f"post:req:{item['post_id']}"),)
        for item in posts
    )
    return "\n".join(lines), (*buttons, (open_button(),))


def weekly(p: dict[str, Any], tz: ZoneInfo) -> tuple[str, Buttons]:
    me: dict[str, int] = p.get("me", {})
    town: dict[str, int] = p.get("community", {})
    lines = [_("📊 <b>Your week on NeighborShare</b>"), *_personal(me)]
    lines.append(
        _("Your balance: {balance}.").format(balance=plural(int(p.get("balance", 0)), "credit")))
    if town.get("portions_shared"):  # a week nobody shared is not worth a line of zeros
        lines += ["", _("🏘 Together, neighbors shared {portions} in {exchanges}, helping "
                        "{neighbors}.").format(
            portions=plural(town["portions_shared"], "portion"),
            exchanges=plural(town.get("exchanges", 0), "exchange"),
            neighbors=plural(town.get("neighbors_helped", 0), "neighbor"),
        )]
    return "\n".join(lines), ((open_button(),),)


def _personal(me: dict[str, int]) -> list[str]:
    """What the neighbor did, leaving out what they didn't (no "you received 0 portions")."""
    lines = []
    if me.get("portions_shared"):
        lines.append(_("You shared {portions} with {neighbors}.").format(
            portions=plural(me["portions_shared"], "portion"),
            neighbors=plural(me.get("neighbors_helped", 0), "neighbor")))
    if me.get("portions_received"):
        lines.append(_("You received {portions}.").format(
            portions=plural(me["portions_received"], "portion")))
    if me.get("credits_earned"):  # portions handed over and 5-star food bonuses
        lines.append(_("You earned {credits}.").format(
            credits=plural(me["credits_earned"], "credit")))
    return lines or [_("No exchanges for you last week. Why not /share a dish?")]


DIGEST_TEMPLATES = {"daily_digest": daily, "weekly_digest": weekly}
