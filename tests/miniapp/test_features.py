"""features/miniapp: the map through its HTTP API, on memory and SQLite (tests/miniapp/world.py
is the neighborhood the feature describes)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from pytest_bdd import parsers, scenarios, then, when
from starlette.testclient import TestClient

from neighborshare.domain.values import Location
from tests.miniapp.world import TELEGRAM_IDS, MiniAppWorld

scenarios("miniapp")

DISHES = "/miniapp/api/dishes"


class Seen:
    """What the last call answered."""

    def __init__(self) -> None:
        self.status = 0
        self.body: Any = None


@pytest.fixture(autouse=True)
def _scenario_world(world: MiniAppWorld) -> MiniAppWorld:
    """Puts the world (and so the backend parameter) into every scenario."""
    return world


@pytest.fixture
def seen() -> Seen:
    return Seen()


def _answer(seen: Seen, response: Any) -> None:
    seen.status, seen.body = response.status_code, response.json()


DISH_KEYS = {"Dal <b>tadka</b>": "dal", "Palak paneer": "paneer", "Tomato soup": "soup",
             "Far-away stew": "stew"}


def _post_id(world: MiniAppWorld, dish: str) -> int:
    return world.posts[DISH_KEYS[dish]]


def _headers(world: MiniAppWorld, how: str) -> dict[str, str]:
    if how == "no initData":
        return {}
    if how == "initData signed for another user":
        return {"Authorization": "tma " + world.init_data("tom").replace(
            str(TELEGRAM_IDS["tom"]), str(TELEGRAM_IDS["priya"]))}
    if how == "initData from another bot":
        return world.auth("tom", token="999:another-bot")
    if how == "initData older than an hour":
        return world.auth("tom", auth_date=world.clock.now() - timedelta(hours=1, seconds=1))
    raise AssertionError(how)


@when(parsers.parse("{name:w} opens the map"))
def opens(seen: Seen, client: TestClient, world: MiniAppWorld, name: str) -> None:
    _answer(seen, client.get(DISHES, headers=world.auth(name.lower())))


@when(parsers.parse("{name:w} opens the map showing all dishes"))
def opens_all(seen: Seen, client: TestClient, world: MiniAppWorld, name: str) -> None:
    _answer(seen, client.get(DISHES + "?all=1", headers=world.auth(name.lower())))


@when(parsers.re(r'(?P<name>\w+) asks for (?P<portions>\d+) portions? of "(?P<dish>[^"]+)" '
                 r"on the map$"))
def asks(seen: Seen, client: TestClient, world: MiniAppWorld, name: str, portions: str,
         dish: str) -> None:
    world.container.notifications().drain_all()  # the new-dish alerts, sent before
    _answer(seen, client.post(f"{DISHES}/{_post_id(world, dish)}/request",
                                 json={"portions": int(portions)},
                                 headers=world.auth(name.lower())))


@when(parsers.re(r'(?P<name>\w+) asks for (?P<portions>\d+) portions? of "(?P<dish>[^"]+)" '
                 r"on the map with (?P<how>.+)$"))
def asks_with(seen: Seen, client: TestClient, world: MiniAppWorld, name: str, portions: str,
              dish: str, how: str) -> None:
    _answer(seen, client.post(f"{DISHES}/{_post_id(world, dish)}/request",
                                 json={"portions": int(portions)}, headers=_headers(world, how)))


@then(parsers.parse('the map shows "{names}"'))
def shows(seen: Seen, names: str) -> None:
    assert seen.status == 200, seen.body
    assert sorted(d["name"] for d in seen.body["dishes"]) == sorted(
        n.strip() for n in names.split(","))


@then(parsers.parse('the map shows {name:w}\'s own "{dish}" apart'))
def shows_own(seen: Seen, name: str, dish: str) -> None:
    assert [d["name"] for d in seen.body["own"]] == [dish]


@then("every place on the map is a centre of the privacy grid")
def on_grid(seen: Seen, world: MiniAppWorld) -> None:
    body = seen.body
    grid = world.container.rules().privacy_grid_m
    cells = [body["centre"]] + [d["cell"] for d in body["dishes"] + body["own"]]
    for cell in cells:
        snapped = Location(cell["lat"], cell["lon"]).snapped(grid)
        assert abs(snapped.latitude - cell["lat"]) < 1e-9, cell
        assert abs(snapped.longitude - cell["lon"]) < 1e-9, cell


@then(parsers.parse('"{dish}" is marked as not fitting {name:w}\'s diet'))
def marked(seen: Seen, dish: str, name: str) -> None:
    fits = {d["name"]: d["fits_diet"] for d in seen.body["dishes"]}
    assert fits[dish] is False
    assert all(ok for other, ok in fits.items() if other != dish)


@then(parsers.parse("the map accepts it and {name:w} has {credits:d} credits"))
def accepted(seen: Seen, world: MiniAppWorld, name: str, credits: int) -> None:
    assert seen.status == 200, seen.body
    assert seen.body["balance"] == credits
    assert world.container.credits().balance(getattr(world, name.lower()).id) == credits


@then(parsers.parse('{name:w} is told in the chat "{text}"'))
def told(world: MiniAppWorld, name: str, text: str) -> None:
    chat = world.api.messages(TELEGRAM_IDS[name.lower()])
    assert any(text in m.shown for m in chat), [m.shown for m in chat]


@then(parsers.parse("{name:w} is asked to accept or decline"))
def asked(world: MiniAppWorld, name: str) -> None:
    world.container.notifications().drain_all()
    sent = [m for m in world.container.notifier().sent
            if m.chat_id == TELEGRAM_IDS[name.lower()]]
    assert sent and [b.label for b in sent[-1].buttons[0]] == ["✅ Accept", "❌ Decline"]


@then(parsers.parse('the map refuses with {status:d} "{message}"'))
def refuses(seen: Seen, status: int, message: str) -> None:
    assert (seen.status, seen.body) == (status, {"error": message})


@then(parsers.parse("{name:w} has {credits:d} credits and was told nothing"))
def nothing_changed(world: MiniAppWorld, name: str, credits: int) -> None:
    user = getattr(world, name.lower())
    assert world.container.credits().balance(user.id) == credits
    assert world.api.messages(TELEGRAM_IDS[name.lower()]) == []
    assert world.container.food().card(user.id, world.posts["dal"]).post.portions_left == 4

