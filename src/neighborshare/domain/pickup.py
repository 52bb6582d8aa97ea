"""Reading a pickup window from a preset or from what a neighbor types, in local time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from neighborshare.domain.errors import InvalidPickupWindow
from neighborshare.domain.values import PickupWindow

PRESETS = ("next_hour", "next_2_hours", "lunch", "tonight", "tomorrow_lunch")

# an end before the start reads as the next day's when the window then lasts no longer than
# this ("23:00-01:00"); "19:00-18:00" (23 hours) is a slip, refused
OVERNIGHT = timedelta(hours=12)

_TIME = r"(?:(now)|(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?)"
_RANGE = re.compile(rf"^{_TIME}\s*(?:-|–)\s*{_TIME}$")


@dataclass(frozen=True, slots=True)
class PickupWords:
    """One language's words for a typed pickup window ("heute 18-19 Uhr", "hoy de 18 a 19h").

    ``days``: a word or phrase -> days from today; those in ``evening`` also mean "after
    noon" (a bare "6-8" then reads 18:00-20:00); ``now``: words for this moment; ``until``:
    words between the two times; ``filler``: words and hour suffixes to ignore ("Uhr", "h").
    """

    days: dict[str, int]
    evening: frozenset[str] = frozenset()
    now: frozenset[str] = frozenset()
    until: frozenset[str] = frozenset()
    filler: frozenset[str] = frozenset()
    meridiem: bool = False  # "am"/"pm"

    def __or__(self, other: PickupWords) -> PickupWords:
        """Both languages' words (this one's first where a phrase means something else)."""
        return PickupWords(
            other.days | self.days, self.evening | other.evening, self.now | other.now,
            self.until | other.until, self.filler | other.filler,
            self.meridiem or other.meridiem,
        )


ENGLISH = PickupWords(
    days={"today": 0, "tonight": 0, "tomorrow": 1, "tmrw": 1, "tomorrow night": 1},
    evening=frozenset({"tonight", "tomorrow night"}),
    now=frozenset({"now"}),
    until=frozenset({"to", "until", "till"}),
    meridiem=True,
)


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


def parse_window(text: str, now: datetime, words: PickupWords = ENGLISH) -> PickupWindow:
    """Parse "6-7pm today", "18:00-19:30", "tomorrow 12-1pm" or "now-8pm" around local ``now``
    (or the same in another language's ``words``: "morgen 12-13 Uhr", "сьогодні 18-19")."""
    tz = now.tzinfo
    assert tz is not None
    typed, offset, evening = _day(text.strip().lower().replace(",", " "), words)
    match = _RANGE.match(_normalized(typed, words))
    if match is None:
        raise InvalidPickupWindow("window_unreadable")
    now_start, h1, m1, ampm1, now_end, h2, m2, ampm2 = match.groups()
    if now_end or ((ampm1 or ampm2) and not words.meridiem):
        raise InvalidPickupWindow("window_unreadable")
    if evening and not (ampm1 or ampm2):  # "tonight 6-8": after noon
        ampm1 = ampm1 if now_start or int(h1) >= 12 else "pm"
        ampm2 = None if int(h2) >= 12 else "pm"
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
    if end <= start and _at(day + timedelta(days=1), end_clock, tz) - start <= OVERNIGHT:
        end = _at(day + timedelta(days=1), end_clock, tz)  # "23:00-01:00": past midnight
    if end <= start and not now_start:
        raise InvalidPickupWindow("window_ends_before_start")
    return PickupWindow(start, end)


def _day(typed: str, words: PickupWords) -> tuple[str, int, bool]:
    """Take the day words out of ``typed`` (longest phrase first): days ahead, and evening."""
    offset, evening = 0, False
    for phrase in sorted(words.days, key=len, reverse=True):
        pattern = rf"(?<!\w){re.escape(phrase)}(?!\w)"
        if re.search(pattern, typed):
            typed = re.sub(pattern, " ", typed)
            offset = max(offset, words.days[phrase])
            evening = evening or phrase in words.evening
    return typed, offset, evening


def _normalized(typed: str, words: PickupWords) -> str:
    """ "von 18 bis 19 Uhr" -> "18-19": fillers gone, the language's "until" and "now" as ours."""
    for suffix in words.filler:  # "19h", "19uhr"
        typed = re.sub(rf"(?<=\d){re.escape(suffix)}(?!\w)", " ", typed)
    kept = []
    for token in re.sub(r"\s*[-–]\s*", " - ", typed).split():
        if token in words.filler:
            continue
        kept.append("-" if token in words.until else "now" if token in words.now else token)
    return " ".join(kept).replace(" - ", "-").replace(" -", "-").replace("- ", "-")


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
