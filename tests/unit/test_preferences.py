"""A neighbor's own settings: the values they may take, and what none chosen means."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from neighborshare.domain.errors import InvalidInput
from neighborshare.domain.preferences import (
    NeighborSettings,
    alert_radius_m,
    quiet_hours,
)
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import User
from neighborshare.domain.values import Location, PhoneHash
from tests.support.refusals import refused

LANGUAGES = ("en", "de")
RULES = Rules(notify_radius_m=800, quiet_start=time(22), quiet_end=time(7))


def neighbor(**settings: object) -> User:
    return User(1, "Tom", PhoneHash("d" * 64, "12"), "1A", Location(51.5, -0.12),
                datetime(2026, 6, 1, tzinfo=UTC), **settings)


@pytest.mark.parametrize("radius", [None, 200, 1000, 3000])
def test_a_radius_from_200_m_to_3_km_or_none_is_kept(radius):
    settings = NeighborSettings(alert_radius_m=radius)
    assert settings.checked(LANGUAGES) is settings


@pytest.mark.parametrize("radius", [0, 199, 3001, -200])
def test_a_radius_beyond_the_steps_is_refused(radius):
    with refused(InvalidInput, "from 200 m to 3000 m"):
        NeighborSettings(alert_radius_m=radius).checked(LANGUAGES)


@pytest.mark.parametrize(("start", "end"), [(22 * 60, None), (None, 7 * 60), (1440, 0), (-1, 60)])
def test_quiet_hours_need_both_ends_within_the_day(start, end):
    with refused(InvalidInput, "within the day"):
        NeighborSettings(quiet_start_minute=start, quiet_end_minute=end).checked(LANGUAGES)


def test_only_a_shipped_language_or_none_is_kept():
    assert NeighborSettings(language="de").checked(LANGUAGES).language == "de"
    assert NeighborSettings(language=None).checked(LANGUAGES).language is None
    with refused(InvalidInput, "don't speak that language"):
        NeighborSettings(language="fr").checked(LANGUAGES)


def test_none_chosen_means_the_communitys_default():
    tom = neighbor()
    assert alert_radius_m(tom, RULES) == 800
    assert quiet_hours(tom, RULES) == (time(22), time(7))


def test_their_own_choice_wins_and_equal_ends_mean_no_quiet_hours():
    tom = neighbor(alert_radius_m=300, quiet_start_minute=23 * 60 + 30, quiet_end_minute=6 * 60)
    assert alert_radius_m(tom, RULES) == 300
    assert quiet_hours(tom, RULES) == (time(23, 30), time(6))
    off = neighbor(quiet_start_minute=0, quiet_end_minute=0)
    start, end = quiet_hours(off, RULES)
    assert start == end
