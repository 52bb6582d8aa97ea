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
    lines = [_("📊 <b>Your week on NeighborShare</b>")]
    if me.get("exchanges"):
        lines += [
            _("You shared {shared} and received {received}.").format(
                shared=plural(me["portions_shared"], "portion"),
                received=plural(me["portions_received"], "portion"),
            ),
            _("You helped {neighbors} and earned {credits}.").format(
                neighbors=plural(me["neighbors_helped"], "neighbor"),
                credits=plural(me["credits_earned"], "credit"),
            ),
        ]
    else:
        lines.append(_("No exchanges for you last week. Why not /share a dish?"))
    lines += [
        _("Your balance: {balance}.").format(balance=plural(int(p.get("balance", 0)), "credit")),
        "",
        _("🏘 Together, neighbors shared {portions} in {exchanges}, helping {neighbors}.").format(
            portions=plural(town.get("portions_shared", 0), "portion"),
            exchanges=plural(town.get("exchanges", 0), "exchange"),
            neighbors=plural(town.get("neighbors_helped", 0), "neighbor"),
        ),
    ]
    return "\n".join(lines), ((open_button(),),)


DIGEST_TEMPLATES = {"daily_digest": daily, "weekly_digest": weekly}
