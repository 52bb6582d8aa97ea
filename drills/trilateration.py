"""The trilateration probe of the privacy drill: distances to sharers asked from many origins,
and the region an attacker could still place the sharer in."""

from __future__ import annotations

import math
import random
import re

from drills.neighborhood import Neighborhood
from neighborshare.domain.values import METRES_PER_DEGREE_LAT, Location
from neighborshare.presentation.formatting import distance

_SHOWN = re.compile(r"~([\d.]+) (m|km)")


def interval(shown: str) -> tuple[float, float]:
    """The true distances (m) that display as ``shown`` ("~300 m": 250-350, "~1.5 km": ...)."""
    match = _SHOWN.fullmatch(shown)
    if match is None:
        raise ValueError(f"unexpected distance {shown!r}")
    value = float(match[1]) * (1000 if match[2] == "km" else 1)
    if match[2] == "m":
        low = 0.0 if value == 100 else value - 50
        return low - 1, value + 51  # a metre of slack for rounding ties
    return (950.0 if value == 1000 else value - 250) - 1, value + 251


def offset(origin: Location, north_m: float, east_m: float) -> Location:
    lat = origin.latitude + north_m / METRES_PER_DEGREE_LAT
    lon = origin.longitude + east_m / (METRES_PER_DEGREE_LAT * math.cos(math.radians(lat)))
    return Location(lat, lon)


def spots_in_cell(
    centre: Location, cell_m: float, count: int, rng: random.Random
) -> list[Location]:
    """``count`` random points strictly inside the grid cell around ``centre``."""
    half = cell_m * 0.49
    return [offset(centre, rng.uniform(-half, half), rng.uniform(-half, half))
            for _ in range(count)]


def probe(hood: Neighborhood, post_ids: list[int], origins: list[Location]) -> list[list[str]]:
    """For each origin, the distance shown to a viewer there for each post."""
    food, answers = hood.container.food(), []
    for index, origin in enumerate(origins):
        viewer = hood.register(10_000 + index, origin, name=f"Probe {index}")
        # what the card shows (in English): the attacker reads the text, not our metres
        answers.append([distance(food.card(viewer, post_id).distance) for post_id in post_ids])
    return answers


def feasible_region(centre: Location, origins: list[Location], shown: list[str],
                    step_m: float = 5.0, reach_m: float = 300.0) -> list[tuple[float, float]]:
    """Every point (north, east in m from ``centre``) consistent with all the answers."""
    bounds = [interval(s) for s in shown]
    steps = int(reach_m / step_m)
    region = []
    for i in range(-steps, steps + 1):
        for j in range(-steps, steps + 1):
            spot = offset(centre, i * step_m, j * step_m)
            if all(lo <= o.distance_m(spot) <= hi
                   for o, (lo, hi) in zip(origins, bounds, strict=True)):
                region.append((i * step_m, j * step_m))
    return region
