"""Formatting helpers: escaping user text, times in the community's zone, allergen lists."""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo


def esc(text: object) -> str:
    """HTML-escape anything a neighbor wrote before it goes into a message."""
    return html.escape(str(text), quote=False)


def when(moment: datetime | str, tz: ZoneInfo, now: datetime | None = None) -> str:
    """ "18:00" today, "tomorrow 12:00", or "Sat 12:00"."""
    local = _moment(moment).astimezone(tz)
    if now is None:
        return local.strftime("%a %H:%M")
    days = (local.date() - now.astimezone(tz).date()).days
    prefix = {0: "", 1: "tomorrow ", -1: "yesterday "}.get(days, local.strftime("%a "))
    return f"{prefix}{local:%H:%M}"


def window(
    start: datetime | str, end: datetime | str, tz: ZoneInfo, now: datetime | None = None
) -> str:
    """ "18:00–19:30" or "tomorrow 12:00–13:00"; the end names its day only if it differs."""
    s, e = _moment(start).astimezone(tz), _moment(end).astimezone(tz)
    tail = f"{e:%H:%M}" if s.date() == e.date() else when(e, tz, now)
    return f"{when(s, tz, now)}–{tail}"


def _moment(value: datetime | str) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def listing(values: Iterable[str], empty: str = "none listed") -> str:
    items = sorted(str(v) for v in values)
    return ", ".join(items) if items else empty


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
