"""Small helpers the flows share: reading a button's parts, typed text, and checklists."""

from __future__ import annotations

from collections.abc import Callable, Collection

from neighborshare.domain.errors import InvalidInput
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation.formatting import esc, listing
from neighborshare.presentation.i18n import _
from neighborshare.presentation.keyboards import Rows
from neighborshare.presentation.labels import named


def button_parts(turn: Turn) -> list[str]:
    """At least 4 parts ("" where missing): forged data must not reach an IndexError."""
    query = turn.update.callback_query
    parts = (query.data or "").split(":") if query else []
    return parts + [""] * (4 - len(parts))


class StaleButton(Exception):
    """Callback data the bot never offered (a finished conversation's button, or forged)."""


MAX_ID = 2**63 - 1  # a database id (BIGINT)


def one_of(part: str, offered: Collection[str]) -> str:
    """``part`` if it is one of the values the bot's buttons carry, else a stale button."""
    if part not in offered:
        raise StaleButton()
    return part


def bounded(part: str, low: int, high: int) -> int:
    """A button's number, within what the bot offers (stars 1-5, portions, pages, ids)."""
    if not (part.isascii() and part.isdigit()) or len(part) > 19 or not low <= int(part) <= high:
        raise StaleButton()
    return int(part)


def button_id(part: str) -> int:
    return bounded(part, 1, MAX_ID)


def typed_text(turn: Turn) -> str | None:
    """What the neighbor typed, without NUL characters (PostgreSQL text and JSON refuse them)."""
    message = turn.update.message
    text = message.text.replace("\x00", "") if message is not None and message.text else ""
    return text or None


def number(part: str) -> int:
    # ASCII only ("²".isdigit() but int() refuses it), and no bigger than a database id
    if not (part.isascii() and part.isdigit()) or len(part) > 18:
        raise InvalidInput()
    return int(part)


async def toggle(turn: Turn, key: str, value: str, keyboard: Callable[[list[str]], Rows]) -> None:
    """Flip ``value`` in the session's list ``key`` and redraw the checklist."""
    chosen: list[str] = list(turn.data.get(key, []))
    if value in chosen:
        chosen.remove(value)
    else:
        chosen.append(value)
    turn.data[key] = chosen
    await turn.edit(None, keyboard(chosen))


async def settle(turn: Turn, label: str, key: str) -> None:
    """Replace a finished checklist with what was chosen."""
    chosen = turn.data.get(key, [])
    await turn.edit(_("{label}: <b>{chosen}</b>").format(
        label=label, chosen=esc(listing(named(chosen), _("none")))))
