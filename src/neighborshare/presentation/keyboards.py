"""Inline keyboards as rows of port Buttons; the bot turns them into Telegram markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from neighborshare.domain.errors import InvalidInput
from neighborshare.domain.exchanges import ExchangeStatus
from neighborshare.domain.pickup import PRESETS, preset_window
from neighborshare.domain.reports import CATEGORY_LABELS
from neighborshare.domain.values import Allergen, DietTag
from neighborshare.ports.services import Button
from neighborshare.services.exchanges import ExchangeView

Rows = tuple[tuple[Button, ...], ...]


def rows(buttons: Sequence[Button], per_row: int) -> Rows:
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


def checklist(prefix: str, options: Iterable[str], chosen: Iterable[str], per_row: int) -> Rows:
    """Toggle buttons ("✅ Vegan" when chosen) plus a Done button."""
    picked = set(chosen)
    toggles = [
        Button(("✅ " if value in picked else "") + value.capitalize(), f"{prefix}:t:{value}")
        for value in options
    ]
    return (*rows(toggles, per_row), (Button("Done ✔️", f"{prefix}:done"),))


def diet_checklist(prefix: str, chosen: Iterable[str]) -> Rows:
    return checklist(prefix, [t.value for t in DietTag], chosen, 2)


def allergen_checklist(prefix: str, chosen: Iterable[str]) -> Rows:
    return checklist(prefix, [a.value for a in Allergen], chosen, 3)


def skip(data: str) -> Rows:
    return ((Button("Skip", data),),)


def portions(prefix: str, maximum: int, shown: int = 6) -> Rows:
    numbers = [Button(str(n), f"{prefix}:{n}") for n in range(1, min(maximum, shown) + 1)]
    return rows(numbers, 6)


def pickup_presets(local_now: datetime) -> Rows:
    """The presets that still make sense at ``local_now`` ("Tonight" is gone after 20:00)."""
    return rows(
        [Button(label, f"sh:win:{key}") for key, label in PRESETS.items()
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
        (Button("📣 Publish", "sh:pub"),),
        (Button("✏️ Start over", "sh:redo"), Button("Cancel", "sh:cnl")),
    )


def stars(prefix: str) -> Rows:
    return (tuple(Button(f"{n}⭐", f"{prefix}:{n}") for n in range(1, 6)),)


def report_categories() -> Rows:
    return rows([Button(label, f"rp:c:{key.value}") for key, label in CATEGORY_LABELS.items()], 2)


def card_buttons(post_id: int) -> Rows:
    return ((Button("🙋 Request", f"post:req:{post_id}"), Button("⚠️ Report", f"rp:p:{post_id}")),)


def browse_nav(page: int, has_more: bool, show_all: bool, can_show_all: bool) -> Rows:
    mode = "all" if show_all else "fit"
    nav = []
    if page > 0:
        nav.append(Button("◀ Back", f"br:{mode}:{page - 1}"))
    if has_more:
        nav.append(Button("More ▶", f"br:{mode}:{page + 1}"))
    extra = (Button("Show all dishes", "br:all:0"),) if can_show_all and not show_all else ()
    return tuple(r for r in (tuple(nav), extra) if r)


def exchange_actions(view: ExchangeView, viewer_id: int) -> Rows:
    """The buttons an exchange offers this party in its current state."""
    exchange = view.exchange
    x = exchange.id
    sharer = viewer_id == exchange.sharer_id
    if exchange.status is ExchangeStatus.PENDING:
        if sharer:
            return ((Button("✅ Accept", f"x:acc:{x}"), Button("❌ Decline", f"x:dec:{x}")),)
        return ((Button("Cancel request", f"x:cnl:{x}"),),)
    if exchange.status is ExchangeStatus.ACCEPTED:
        row = [Button("Picked up", f"x:done:{x}"), Button("Cancel", f"x:cnl:{x}")]
        if sharer:
            row.append(Button("No-show", f"x:ns:{x}"))
        return (tuple(row),)
    if exchange.status is ExchangeStatus.COMPLETED:
        return ((Button("⭐ Rate", f"rate:{x}"),),)
    return ()
