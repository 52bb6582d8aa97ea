"""How the daily and weekly digests read (merged into the renderer's templates)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from neighborshare.ports.services import Button
from neighborshare.presentation.formatting import esc, plural, window

Buttons = tuple[tuple[Button, ...], ...]


def daily(p: dict[str, Any], tz: ZoneInfo) -> tuple[str, Buttons]:
    posts: list[dict[str, Any]] = list(p.get("posts", []))
    lines = [f"☀️ Good morning! {plural(len(posts), 'dish')} near you today:"]
    for item in posts:
        when = window(str(item["window_start"]), str(item["window_end"]), tz)
        lines.append(
            f"• <b>{esc(item['name'])}</b> ({esc(item['distance'])}), "
            f"{plural(int(item['portions_left']), 'portion')}, pickup {when}"
        )
    buttons = tuple(
        (Button(f"Request {item['name']}"[:60], f"post:req:{item['post_id']}"),) for item in posts
    )
    return "\n".join(lines), buttons


def weekly(p: dict[str, Any], tz: ZoneInfo) -> tuple[str, Buttons]:
    me: dict[str, int] = p.get("me", {})
    town: dict[str, int] = p.get("community", {})
    lines = ["📊 <b>Your week on NeighborShare</b>"]
    if me.get("exchanges"):
        lines += [
            f"You shared {plural(me['portions_shared'], 'portion')} and received "
            f"{plural(me['portions_received'], 'portion')}.",
            f"You helped {plural(me['neighbors_helped'], 'neighbor')} and earned "
            f"{plural(me['credits_earned'], 'credit')}.",
        ]
    else:
        lines.append("No exchanges for you last week. Why not /share a dish?")
    lines += [
        f"Your balance: {plural(int(p.get('balance', 0)), 'credit')}.",
        "",
        f"🏘 Together, neighbors shared {plural(town.get('portions_shared', 0), 'portion')} "
        f"in {plural(town.get('exchanges', 0), 'exchange')}, helping "
        f"{plural(town.get('neighbors_helped', 0), 'neighbor')}.",
    ]
    return "\n".join(lines), ()


DIGEST_TEMPLATES = {"daily_digest": daily, "weekly_digest": weekly}
