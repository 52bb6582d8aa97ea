"""Where things are: grid snapping against trilateration, rounded distances, valid points."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from neighborshare.domain.errors import InvalidInput
from neighborshare.domain.values import (
    Location,
    rounded_distance,
)
from tests.support.refusals import refused

HOME = Location(51.5074, -0.1278)
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def test_snapping_moves_a_point_to_its_cell_centre_and_is_stable():
    snapped = HOME.snapped(100)
    assert snapped != HOME
    assert HOME.distance_m(snapped) <= 100 * math.sqrt(2) / 2 + 1
    assert snapped.snapped(100) == snapped


def test_points_in_one_cell_share_a_centre_and_neighbouring_cells_differ():
    cell = HOME.snapped(100)
    nearby = Location(cell.latitude + 0.0003, cell.longitude - 0.0005)  # ~33 m, ~35 m away
    assert nearby.snapped(100) == cell
    far = Location(cell.latitude + 0.001, cell.longitude)  # ~111 m north
    assert far.snapped(100) != cell


def test_trilateration_cannot_beat_the_grid():
    """Two homes in one cell look identical from anywhere: only the cell centre is ever used."""
    cell = HOME.snapped(100)
    a = Location(cell.latitude - 0.0004, cell.longitude + 0.0004)
    b = Location(cell.latitude + 0.0004, cell.longitude - 0.0004)
    for viewer in (Location(51.51, -0.13), Location(51.50, -0.12), Location(51.508, -0.125)):
        assert viewer.distance_m(a.snapped(100)) == viewer.distance_m(b.snapped(100))


@pytest.mark.parametrize(
    ("metres", "shown"),
    [
        (0, 100),
        (149, 100),
        (151, 200),
        (949, 900),
        (960, 1000),
        (1240, 1000),
        (1260, 1500),
        (4900, 5000),
    ],
)
def test_rounded_distances(metres, shown):
    assert rounded_distance(metres) == shown


@pytest.mark.parametrize(("lat", "lon"), [(91, 0), (0, 181), (math.nan, 0), (0, math.inf)])
def test_invalid_locations_are_refused(lat, lon):
    with refused(InvalidInput, "location isn't valid"):
        Location(lat, lon)
