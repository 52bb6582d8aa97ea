"""Formatting helpers: escaping user text, times in the community's zone, counts and lists,
all in the current neighbor's language (Babel's locale data for weekdays, dates and numbers)."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal

from neighborshare.domain.ratings import RatingSummary
from neighborshare.presentation.i18n import _, current, ngettext


def esc(text: object) -> str:
    """HTML-escape anything a neighbor wrote before it goes into a message."""
    return html.escape(str(text), quote=False)


def who(first_name: str) -> str:
    """A neighbor as others see them: their first name, or, once they erased their account,
    no one in particular (not escaped: a label or an argument of ``esc``)."""
    return first_name or _("a former neighbor")


def clock(moment: datetime) -> str:
    """ "18:00": every shipped language reads the 24-hour clock."""
    return format_time(moment, "HH:mm", locale=current().locale)


def weekday(moment: datetime) -> str:
    """ "Sat", "Sa.", "сб": the short weekday of the current language."""
    return format_date(moment, "EEE", locale=current().locale)


def day_and_time(moment: datetime) -> str:
    """ "Dec 3, 18:00" / "3. Dez., 18:00": a date and a time, ordered as the language does."""
    day = format_skeleton("MMMd", moment, locale=current().locale)
    return _("{day}, {time}").format(day=day, time=clock(moment))


def when(moment: datetime | str, tz: ZoneInfo, now: datetime | None = None) -> str:
    """ "18:00" today, "tomorrow 18:00", or "Sat 18:00"."""
    local = _moment(moment).astimezone(tz)
    if now is None:
        return _("{weekday} {time}").format(weekday=weekday(local), time=clock(local))
    days = (local.date() - now.astimezone(tz).date()).days
    if days == 0:
        return clock(local)
    if days == 1:
        return _("tomorrow {time}").format(time=clock(local))
    if days == -1:
        return _("yesterday {time}").format(time=clock(local))
    return _("{weekday} {time}").format(weekday=weekday(local), time=clock(local))


def window(
    start: datetime | str, end: datetime | str, tz: ZoneInfo, now: datetime | None = None
) -> str:
    """ "18:00–19:30" or "tomorrow 12:00–13:00"; the end names its day only if it differs."""
    s, e = _moment(start).astimezone(tz), _moment(end).astimezone(tz)
    tail = clock(e) if s.date() == e.date() else when(e, tz, now)
    return f"{when(s, tz, now)}–{tail}"


def _moment(value: datetime | str) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def listing(values: Iterable[str], empty: str | None = None) -> str:
    """Sorted, comma-separated (in the current language's order), or "none listed"."""
    items = sorted(str(v) for v in values)
    if not items:
        return _("none listed") if empty is None else empty
    return ", ".join(items)


def number(value: int) -> str:
    """ "1,234" / "1.234" / "1 234"."""
    return format_decimal(value, locale=current().locale)


def signed(value: int) -> str:
    """ "+2" or "−1" with the language's digits grouping."""
    return ("+" if value > 0 else "") + number(value)


_PLURALS: dict[str, Callable[[int], str]] = {
    "portion": lambda n: ngettext("{count} portion", "{count} portions", n),
    "credit": lambda n: ngettext("{count} credit", "{count} credits", n),
    "welcome_credit": lambda n: ngettext("{count} welcome credit", "{count} welcome credits", n),
    "dish": lambda n: ngettext("{count} dish", "{count} dishes", n),
    "neighbor": lambda n: ngettext("{count} neighbor", "{count} neighbors", n),
    "exchange": lambda n: ngettext("{count} exchange", "{count} exchanges", n),
    "day": lambda n: ngettext("{count} day", "{count} days", n),
}


def plural(count: int, word: str) -> str:
    """ "1 portion", "2 portions"; "2 порції", "5 порцій" (the language's plural forms)."""
    return _PLURALS[word](count).format(count=number(count))


def distance(metres: object) -> str:
    """ "~300 m", "~1.5 km" / "~1,5 km" (an old outbox row may hold the text already)."""
    if not isinstance(metres, int | float):
        return str(metres)
    if metres < 1000:
        return _("~{metres} m").format(metres=number(int(metres)))
    km = format_decimal(metres / 1000, "#,##0.#", locale=current().locale)
    return _("~{km} km").format(km=km)


def rating(summary: RatingSummary | None) -> str:
    """ "4.7★ (12)" / "4,7★ (12)", or "new neighbor" until enough ratings are in."""
    if summary is None or summary.average is None:
        return _("new neighbor")
    average = format_decimal(summary.average, "0.0", locale=current().locale)
    return _("{average}★ ({count})").format(average=average, count=number(summary.count))
