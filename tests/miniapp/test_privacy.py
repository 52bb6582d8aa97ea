"""No answer of the Mini App's API says more than the privacy grid, nor any apartment or phone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from starlette.testclient import TestClient

from neighborshare.domain.posts import FoodPost
from neighborshare.domain.values import Location, PickupWindow
from tests.miniapp.world import (
    PRIYA_APARTMENT,
    PRIYA_PHONE,
    PRIYA_PLACE,
    SAM_PHONE,
    TOM_APARTMENT,
    TOM_PHONE,
    TOM_PLACE,
    MiniAppWorld,
)

FORBIDDEN_KEYS = {"apartment", "phone", "last_two", "location", "latitude", "longitude",
                  "telegram_id", "username", "description"}


def exact_post(world: MiniAppWorld) -> int:
    """A dish stored at Priya's exact spot (as a row from before snapping would be)."""
    now = world.clock.now()
    with world.container.uow_factory()() as uow:
        post = uow.posts.add(FoodPost(
            sharer_id=world.priya.id, name="Exact lentils", portions=2,
            window=PickupWindow(now + timedelta(hours=1), now + timedelta(hours=2)),
            location=PRIYA_PLACE, created_at=now, description=f"Ring {PRIYA_APARTMENT}"))
        uow.commit()
    assert post.id is not None
    return post.id


def walk(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, f"{path}[{index}]")


def on_the_grid(point: dict[str, float], grid_m: float) -> bool:
    here = Location(point["lat"], point["lon"])
    snapped = here.snapped(grid_m)
    return (abs(snapped.latitude - here.latitude) < 1e-6
            and abs(snapped.longitude - here.longitude) < 1e-6)


def answers(client: TestClient, world: MiniAppWorld) -> list[Any]:
    exact = exact_post(world)
    tom, priya = world.auth("tom"), world.auth("priya")
    calls = [
        client.get("/miniapp/api/dishes", headers=tom),
        client.get("/miniapp/api/dishes?all=1", headers=tom),
        client.get("/miniapp/api/dishes?all=1", headers=priya),  # her own dishes, apart
        client.post(f"/miniapp/api/dishes/{exact}/request", json={"portions": 1}, headers=tom),
        client.post(f"/miniapp/api/dishes/{world.posts['soup']}/request", json={"portions": 1},
                    headers=tom),
        client.post(f"/miniapp/api/dishes/{world.posts['dal']}/request", json={"portions": 9},
                    headers=tom),
        client.get("/miniapp/api/dishes", headers={"Authorization": "tma forged"}),
        client.get("/miniapp/api/page?lang=en"),
    ]
    assert [c.status_code for c in calls] == [200, 200, 200, 200, 409, 409, 401, 200]
    return calls


def test_no_answer_carries_a_place_finer_than_the_grid_an_apartment_or_a_phone(
    client: TestClient, world: MiniAppWorld
) -> None:
    grid = world.container.rules().privacy_grid_m
    exact = {round(v, 4) for p in (PRIYA_PLACE, TOM_PLACE) for v in (p.latitude, p.longitude)}
    secrets = [PRIYA_APARTMENT, TOM_APARTMENT, "Ring", PRIYA_PHONE, TOM_PHONE, SAM_PHONE]
    secrets += [phone[-n:] for phone in (PRIYA_PHONE, TOM_PHONE, SAM_PHONE) for n in (4, 6, 9)]
    points = 0
    for response in answers(client, world):
        text = response.text
        for secret in secrets:
            assert secret not in text, (response.url, secret)
        for path, value in walk(response.json()):
            assert not (FORBIDDEN_KEYS & set(value)) if isinstance(value, dict) else True, path
            if isinstance(value, dict) and {"lat", "lon"} <= set(value):
                assert on_the_grid(value, grid), (path, value)
                points += 1
            if isinstance(value, float):
                assert round(value, 4) not in exact, (path, value)
    assert points >= 8  # centres and dishes were checked, not skipped


@pytest.mark.parametrize("grid_m", [100.0, 250.0])
def test_a_cell_is_the_grid_cell_not_the_point(grid_m: float) -> None:
    from neighborshare.entrypoints.miniapp.views import cell

    point = cell(TOM_PLACE, grid_m)
    assert on_the_grid(point, grid_m)
    assert Location(point["lat"], point["lon"]).distance_m(TOM_PLACE) <= grid_m
    assert (point["lat"], point["lon"]) != (TOM_PLACE.latitude, TOM_PLACE.longitude)
