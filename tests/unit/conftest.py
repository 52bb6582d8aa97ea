"""The unit tests' shared world: two neighbors on the memory profile and one dish."""

from datetime import UTC, datetime, timedelta

import pytest

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import memory_container
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration

NOON = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)


@pytest.fixture
def world():
    c = memory_container(clock=FixedClock(NOON))
    auth = c.auth()
    priya = c.users().register(
        Registration(1, "Priya", auth.hash("+447700900001"), "4B", Location(51.5074, -0.1278))
    ).user
    tom = c.users().register(
        Registration(2, "Tom", auth.hash("+447700900002"), "7A", Location(51.5080, -0.1270))
    ).user
    window = PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=2))
    post = c.food().share(priya.id, Dish("Dal", 3, window))
    return c, priya, tom, post
