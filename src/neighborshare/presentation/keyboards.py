"""Inline keyboards as rows of port Buttons; the bot turns them into Telegram markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from neighborshare.domain.errors import InvalidInput
from neighborshare.domain.exchanges import ExchangeStatus
from neighborshare.domain.pickup import PRESETS, preset_window
from neighborshare.domain.values import Allergen, DietTag
from neighborshare.ports.services import Button
from neighborshare.presentation.i18n import N_, _
from neighborshare.presentation.labels import ALLERGENS, CATEGORIES, DIETS
from neighborshare.services.exchanges import ExchangeView

Rows = tuple[tuple[Button, ...], ...]

PRESET_LABELS = {
    "next_hour": N_("Next hour"),
    "next_2_hours": N_("Next 2 hours"),
    "lunch": N_("Lunch 12-14"),
    "tonight": N_("Tonight 18-20"),
    "tomorrow_lunch": N_("Tomorrow 12-14"),
}


def rows(buttons: Sequence[Button], per_row: int) -> Rows:
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


def checklist(
    prefix: str, options: dict[str, str], chosen: Iterable[str], per_row: int
) -> Rows:
    """Toggle buttons ("✅ Vegan" when chosen) plus a Done button; ``options`` value -> label."""
    picked = set(chosen)
    toggles = [
        Button(("✅ " if value in picked else "") + _capitalized(label), f"{prefix}:t:{value}")
        for value, label in options.items()
    ]
    return (*rows(toggles, per_row), (Button(_("Done ✔️"), f"{prefix}:done"),))


def _capitalized(label: str) -> str:
    text = str(label)
    return text[:1].upper() + text[1:]


def diet_checklist(prefix: str, chosen: Iterable[str]) -> Rows:
    return checklist(prefix, {t.value: DIETS[t] for t in DietTag}, chosen, 2)


def allergen_checklist(prefix: str, chosen: Iterable[str]) -> Rows:
    return checklist(prefix, {a.value: ALLERGENS[a] for a in Allergen}, chosen, 3)


def skip(data: str) -> Rows:
    return ((Button(_("Skip"), data),),)


PORTIONS_OFFERED = 5  # a request asks for at most this many: the chat's buttons, the map's


def portions(prefix: str, maximum: int, shown: int = 6) -> Rows:
    numbers = [Button(str(n), f"{prefix}:{n}") for n in range(1, min(maximum, shown) + 1)]
    return rows(numbers, 6)


def pickup_presets(local_now: datetime, prefix: str = "sh:win") -> Rows:
    """The presets that still make sense at ``local_now`` ("Tonight" is gone after 20:00)."""
    return rows(
        [Button(str(PRESET_LABELS[key]), f"{prefix}:{key}") for key in PRESETS
         if _still_open(key, local_now)],
        2,
    )


def _still_open(key: str, local_now: datetime) -> bool:
    try:
        preset_window(key, local_now)
    except InvalidInput:
        return False
    return True


def preview() -> Rows:
    return (
        (Button(_("📣 Publish"), "sh:pub"),),
        (Button(_("✏️ Start over"), "sh:redo"), Button(_("Cancel"), "sh:cnl")),
    )


def stars(prefix: str) -> Rows:
    return (tuple(Button(f"{n}⭐", f"{prefix}:{n}") for n in range(1, 6)),)


def report_categories() -> Rows:
    return rows([Button(str(label), f"rp:c:{key.value}") for key, label in CATEGORIES.items()], 2)


def card_buttons(post_id: int) -> Rows:
    return (
        (Button(_("🙋 Request"), f"post:req:{post_id}"), Button(_("⚠️ Report"), f"rp:p:{post_id}")),
    )


def request_anyway(post_id: int) -> Rows:
    """Asked before a dish that doesn't fit the neighbor's diet is requested."""
    return ((Button(_("🙋 Request anyway"), f"post:any:{post_id}"),),)


def browse_nav(page: int, has_more: bool, show_all: bool, can_show_all: bool) -> Rows:
    mode = "all" if show_all else "fit"
    nav = []
    if page > 0:
        nav.append(Button(_("◀ Back"), f"br:{mode}:{page - 1}"))
    if has_more:
        nav.append(Button(_("More ▶"), f"br:{mode}:{page + 1}"))
    extra = (Button(_("Show all dishes"), "br:all:0"),) if can_show_all and not show_all else ()
    return tuple(r for r in (tuple(nav), extra) if r)


MAP = N_("🗺 Map")  # the Mini App's button: under /browse, and the private chats' menu button


def map_row(url: str | None) -> Rows:
    """The Map button opening the Mini App at ``url``; nothing when no Mini App is set up."""
    return ((Button(str(MAP), "map", web_app=url),),) if url else ()


def exchange_actions(view: ExchangeView, viewer_id: int, now: datetime | None = None) -> Rows:
    """The buttons an exchange offers this party in its current state (and at ``now``)."""
    exchange = view.exchange
    x = exchange.id
    sharer = viewer_id == exchange.sharer_id
    if exchange.status is ExchangeStatus.PENDING:
        if sharer:
            return ((Button(_("✅ Accept"), f"x:acc:{x}"), Button(_("❌ Decline"), f"x:dec:{x}")),)
        return ((Button(_("Cancel request"), f"x:cnl:{x}"),),)
    if exchange.status is ExchangeStatus.ACCEPTED:
        row = [Button(_("Picked up"), f"x:done:{x}")]
        if sharer or now is None or exchange.requester_may_cancel(view.post.window.end, now):
            row.append(Button(_("Cancel"), f"x:cnl:{x}"))
        if sharer:
            row.append(Button(_("No-show"), f"x:ns:{x}"))
        return (tuple(row),)
    if exchange.status is ExchangeStatus.COMPLETED:
        return ((Button(_("⭐ Rate"), f"rate:{x}"),),)
    return ()
