"""Reading pickup windows from what a neighbor types or taps, in the community's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from neighborshare.domain.errors import InvalidPickupWindow
from neighborshare.domain.pickup import parse_window, preset_window
from neighborshare.presentation.pickup_words import pickup_words
from tests.support.refusals import refused

LONDON = ZoneInfo("Europe/London")
MORNING = datetime(2026, 6, 1, 10, 0, tzinfo=LONDON)  # Monday, BST


def local(day: int, hour: int, minute: int = 0, month: int = 6) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("6-7pm today", local(1, 18), local(1, 19)),
        ("18:00-19:30", local(1, 18), local(1, 19, 30)),
        ("tomorrow 12-1pm", local(2, 12), local(2, 13)),
        ("11am-1pm", local(1, 11), local(1, 13)),
        ("6.30 - 7pm", local(1, 18, 30), local(1, 19)),
        ("6 to 7pm", local(1, 18), local(1, 19)),
        ("Tomorrow, 9-11am", local(2, 9), local(2, 11)),
        ("tonight 9-11pm", local(1, 21), local(1, 23)),
    ],
)
def test_typed_windows(text, start, end):
    window = parse_window(text, MORNING)
    assert (window.start, window.end) == (start, end)


def test_now_starts_at_this_moment():
    window = parse_window("now-8pm", MORNING)
    assert (window.start, window.end) == (MORNING, local(1, 20))


@pytest.mark.parametrize(
    "text",
    ["", "whenever", "25:00-26:00", "13pm-2pm", "6-now", "tomorrow now-8pm", "18:61-19:00"],
)
def test_unreadable_times_get_the_hint(text):
    with refused(InvalidPickupWindow, "Try a button"):
        parse_window(text, MORNING)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("23:00-01:00", local(1, 23), local(2, 1)),
        ("11pm-1am", local(1, 23), local(2, 1)),
        ("tomorrow 22:30-00:30", local(2, 22, 30), local(3, 0, 30)),
    ],
)
def test_a_late_window_crosses_midnight(text, start, end):
    window = parse_window(text, MORNING)
    assert (window.start, window.end) == (start, end)


def test_a_window_ending_before_it_starts_is_refused():
    with refused(InvalidPickupWindow, "must end after it starts"):
        parse_window("19:00-18:00", MORNING)


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("next_hour", MORNING, MORNING + timedelta(hours=1)),
        ("next_2_hours", MORNING, MORNING + timedelta(hours=2)),
        ("lunch", local(1, 12), local(1, 14)),
        ("tonight", local(1, 18), local(1, 20)),
        ("tomorrow_lunch", local(2, 12), local(2, 14)),
    ],
)
def test_presets(key, start, end):
    window = preset_window(key, MORNING)
    assert (window.start, window.end) == (start, end)


def test_a_preset_already_under_way_starts_now():
    evening = local(1, 18, 30)
    window = preset_window("tonight", evening)
    assert (window.start, window.end) == (evening, local(1, 20))


def test_unknown_preset_is_refused():
    with refused(InvalidPickupWindow, "pickup option"):
        preset_window("brunch", MORNING)


def test_tomorrow_across_the_autumn_clock_change_is_in_winter_time():
    saturday_evening = datetime(2026, 10, 24, 20, 0, tzinfo=LONDON)  # BST; clocks go back overnight
    window = parse_window("tomorrow 12-1pm", saturday_evening)
    assert window.start.astimezone(UTC) == datetime(2026, 10, 25, 12, 0, tzinfo=UTC)
    assert window.start.utcoffset() == timedelta(0)


def test_today_after_the_spring_clock_change_is_in_summer_time():
    sunday_morning = datetime(2026, 3, 29, 9, 0, tzinfo=LONDON)  # clocks went forward at 01:00
    window = parse_window("18:00-19:30", sunday_morning)
    assert window.start.astimezone(UTC) == datetime(2026, 3, 29, 17, 0, tzinfo=UTC)
    assert window.end.astimezone(UTC) == datetime(2026, 3, 29, 18, 30, tzinfo=UTC)


def test_a_window_over_the_clock_change_is_checked_in_real_time():
    """01:00-03:00 on the spring-forward night lasts one real hour, not two."""
    window = parse_window("tomorrow 1-3am", datetime(2026, 3, 28, 21, 0, tzinfo=LONDON))
    real = window.end.astimezone(UTC) - window.start.astimezone(UTC)
    assert real == timedelta(hours=1)


def test_check_new_compares_local_windows_with_a_utc_clock():
    window = parse_window("6-7pm today", MORNING)
    now = MORNING.astimezone(UTC)
    window.check_new(now, timedelta(minutes=5), timedelta(hours=48))
    with refused(InvalidPickupWindow, "within 8 hours"):
        window.check_new(now, timedelta(minutes=5), timedelta(hours=8, minutes=59))


@pytest.mark.parametrize(
    ("language", "text", "start", "end"),
    [
        ("de", "heute 18-19 Uhr", local(1, 18), local(1, 19)),
        ("de", "morgen 12-13 Uhr", local(2, 12), local(2, 13)),
        ("de", "heute Abend 6-8", local(1, 18), local(1, 20)),
        ("de", "von 18:00 bis 19:30", local(1, 18), local(1, 19, 30)),
        ("de", "jetzt-20 Uhr", MORNING, local(1, 20)),
        ("es", "hoy 18-19h", local(1, 18), local(1, 19)),
        ("es", "mañana de 12 a 13", local(2, 12), local(2, 13)),
        ("es", "esta noche 8-10", local(1, 20), local(1, 22)),
        ("es", "ahora-20h", MORNING, local(1, 20)),
        ("uk", "сьогодні 18-19", local(1, 18), local(1, 19)),
        ("uk", "завтра з 12 до 13", local(2, 12), local(2, 13)),
        ("uk", "сьогодні ввечері 7-9", local(1, 19), local(1, 21)),
        ("uk", "зараз-20:00", MORNING, local(1, 20)),
        ("uk", "18:00-19:30", local(1, 18), local(1, 19, 30)),
        ("de", "tomorrow 12-1pm", local(2, 12), local(2, 13)),  # English is understood too
    ],
)
def test_typed_windows_in_each_language(language, text, start, end):
    window = parse_window(text, MORNING, pickup_words(language))
    assert (window.start, window.end) == (start, end)


@pytest.mark.parametrize(("language", "text"), [("de", "irgendwann"), ("es", "mañana"),
                                                ("uk", "завтра ввечері")])
def test_unreadable_in_each_language(language, text):
    with refused(InvalidPickupWindow, "didn't catch that time"):
        parse_window(text, MORNING, pickup_words(language))
