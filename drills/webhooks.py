"""Webhook drills' scaffolding: a throwaway PostGIS database with onboarded neighbors and dishes,
and updates posted as Telegram would (retried until answered 200, as Telegram redelivers).
The bot server processes are in drills/servers.py."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import httpx
from dependency_injector import providers
from pydantic import SecretStr
from tests.support.databases import create_postgis_database, drop_postgis_database

from neighborshare.container import Container
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration
from neighborshare.settings import Profile, Settings

CENTRE = (51.5115, -0.1235)
SECRET = "drill-webhook-secret-" + secrets.token_hex(8)
PEPPER = "drill-pepper-" + secrets.token_hex(8)
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


@dataclass(frozen=True, slots=True)
class Person:
    user_id: int
    telegram_id: int


@contextmanager
def throwaway_database() -> Iterator[str]:
    url = create_postgis_database()
    try:
        yield url
    finally:
        drop_postgis_database(url)


def services(url: str) -> Container:
    """The real services on ``url`` at the system clock (as the servers run)."""
    container = Container()
    container.settings.override(providers.Object(Settings(  # type: ignore[call-arg]
        profile=Profile.EMBEDDED, database_url=url, phone_pepper=SecretStr(PEPPER), db_pool_size=20,
        _env_file=None)))
    return container


def seed(container: Container, count: int, first: int = 0) -> list[Person]:
    """``count`` onboarded neighbors within a few hundred metres of each other."""
    users, auth, people = container.users(), container.auth(), []
    for index in range(first, first + count):
        spot = Location(CENTRE[0] + (index % 20) * 0.0001, CENTRE[1] + (index // 20 % 20) * 2e-4)
        phone = auth.hash(f"+4477009{index:05d}")
        telegram_id = 700_000_000 + index
        user = users.register(Registration(telegram_id, f"N{index}", phone, str(index), spot))
        people.append(Person(int(user.user.id or 0), telegram_id))
    return people


def share(container: Container, sharer: Person, portions: int, name: str = "Dal") -> int:
    now = container.clock().now()
    window = PickupWindow(now + timedelta(hours=1), now + timedelta(hours=3))
    return int(container.food().share(sharer.user_id, Dish(name, portions, window)).id or 0)


async def post(client: httpx.AsyncClient, url: str, body: dict[str, object]) -> int:
    try:
        response = await client.post(url + "/telegram/webhook", json=body, headers=HEADERS)
        return response.status_code
    except httpx.TransportError:
        return 0  # no answer: Telegram will try again


async def deliver(client: httpx.AsyncClient, url: str, body: dict[str, object],
                  deadline_s: float = 60.0) -> tuple[int, int]:
    """Post until answered 200 (Telegram's redelivery); (first status, attempts)."""
    first, attempts, stop = None, 0, time.monotonic() + deadline_s
    while True:
        status = await post(client, url, body)
        attempts += 1
        first = status if first is None else first
        if status == 200 or time.monotonic() > stop:
            return first, attempts
        await asyncio.sleep(0.2)


def command(update_id: int, person: Person, text: str) -> dict[str, object]:
    """A message update from ``person`` as Telegram sends it (a command if it starts "/")."""
    chat = {"id": person.telegram_id, "type": "private", "first_name": "N"}
    message: dict[str, object] = {
        "message_id": update_id, "date": int(time.time()), "chat": chat, "text": text,
        "from": {"id": person.telegram_id, "is_bot": False, "first_name": "N"}}
    if text.startswith("/"):
        length = len(text.split()[0])
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"update_id": update_id, "message": message}
