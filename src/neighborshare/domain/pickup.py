"""Reading a pickup window from a preset or from what a neighbor types, in local time."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from neighborshare.domain.errors import InvalidPickupWindow
from neighborshare.domain.values import PickupWindow

PRESETS = ("next_hour", "next_2_hours", "lunch", "tonight", "tomorrow_lunch")

_TIME = r"(?:(now)|(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?)"
_RANGE = re.compile(rf"^{_TIME}\s*(?:-|–|to|until)\s*{_TIME}$")
_DAY_WORDS = {"today": 0, "tonight": 0, "tomorrow": 1, "tmrw": 1}


def preset_window(key: str, now: datetime) -> PickupWindow:
    """The window a preset button stands for, starting from the local ``now``."""
    today = now.date()
    tz = now.tzinfo
    assert tz is not None
    if key == "next_hour":
        return PickupWindow(now, now + timedelta(hours=1))
    if key == "next_2_hours":
        return PickupWindow(now, now + timedelta(hours=2))
    spans = {"lunch": (0, 12, 14), "tonight": (0, 18, 20), "tomorrow_lunch": (1, 12, 14)}
    if key not in spans:
        raise InvalidPickupWindow("unknown_pickup_option")
    days, start_h, end_h = spans[key]
    day = today + timedelta(days=days)
    start = _at(day, time(start_h), tz)
    return PickupWindow(max(start, now) if days == 0 else start, _at(day, time(end_h), tz))


def parse_window(text: str, now: datetime) -> PickupWindow:
    """Parse "6-7pm today", "18:00-19:30", "tomorrow 12-1pm" or "now-8pm" around local ``now``."""
    tz = now.tzinfo
    assert tz is not None
    words = text.strip().lower().replace(",", " ").split()
    offset = 0
    for word in [w for w in words if w in _DAY_WORDS]:
        offset = _DAY_WORDS[word]
        words.remove(word)
    match = _RANGE.match(" ".join(words).replace(" - ", "-"))
    if match is None:
        raise InvalidPickupWindow("window_unreadable")
    now_start, h1, m1, ampm1, now_end, h2, m2, ampm2 = match.groups()
    if now_end:
        raise InvalidPickupWindow("window_unreadable")
    end_clock = _clock(h2, m2, ampm2)
    day = now.date() + timedelta(days=offset)
    if now_start:
        if offset:
            raise InvalidPickupWindow("window_unreadable")
        start = now
    else:
        # "6-7pm": the first time borrows the second's am/pm when it has none of its own
        start_clock = _clock(h1, m1, ampm1 or _borrowed_meridiem(h1, ampm2, end_clock))
        start = _at(day, start_clock, tz)
    end = _at(day, end_clock, tz)
    if end <= start and not now_start:
        raise InvalidPickupWindow("window_ends_before_start")
    return PickupWindow(start, end)


def _borrowed_meridiem(hour: str, ampm: str | None, end: time) -> str | None:
    if ampm is None:
        return None
    h = int(hour)
    if ampm == "pm" and h != 12 and (h + 12) > end.hour:
        return "am"
    return ampm


def _clock(hour: str, minute: str | None, ampm: str | None) -> time:
    h, m = int(hour), int(minute or 0)
    if ampm is not None:
        if not 1 <= h <= 12:
            raise InvalidPickupWindow("window_unreadable")
        h = h % 12 + (12 if ampm == "pm" else 0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise InvalidPickupWindow("window_unreadable")
    return time(h, m)


def _at(day: date, clock: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)
