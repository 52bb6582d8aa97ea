"""The Mini App's API on the memory profile: Priya shares two dishes near Tom, who is allergic
to milk and shares one himself; Sam lives too far away to be seen."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.telegram.init_data import signed_init_data
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi
from neighborshare.container import Container, memory_container
from neighborshare.domain.users import User
from neighborshare.domain.values import Allergen, DietTag, Location, PickupWindow
from neighborshare.entrypoints.webhook.runtime import BotRuntime, build_runtime
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration

NOW = datetime(2026, 6, 1, 15, 0, tzinfo=UTC)
PRIYA_PLACE = Location(51.507412, -0.127791)
TOM_PLACE = Location(51.508135, -0.126512)  # about 120 m from Priya
SAM_PLACE = Location(51.535, -0.127)  # 3 km north
PRIYA_APARTMENT, TOM_APARTMENT = "Flat 12B", "7A"
PRIYA_PHONE, TOM_PHONE, SAM_PHONE = "+447700900123", "+447700900456", "+447700900789"
TELEGRAM_IDS = {"priya": 501, "tom": 502, "sam": 503, "stranger": 599}


@dataclass
class MiniAppWorld:
    container: Container
    clock: FixedClock
    api: OfflineBotApi
    runtime: BotRuntime
    priya: User
    tom: User
    sam: User
    posts: dict[str, int]

    def init_data(self, who: str, auth_date: datetime | None = None,
                  token: str = OFFLINE_TOKEN, language: str = "en") -> str:
        moment = auth_date or self.clock.now()
        user = {"id": TELEGRAM_IDS[who], "first_name": who.title(), "language_code": language}
        fields = {"query_id": "AAHdF6IQAAAAAN0XohDhrOrc", "user": json.dumps(user),
                  "auth_date": str(int(moment.timestamp()))}
        return signed_init_data(token, fields)

    def auth(self, who: str, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": "tma " + self.init_data(who, **kwargs)}


def build_world(clock: FixedClock | None = None, api: OfflineBotApi | None = None,
                container: Container | None = None) -> MiniAppWorld:
    clock = clock or FixedClock(NOW)
    container = container or memory_container(clock=clock)
    api = api or OfflineBotApi()
    runtime = build_runtime(container, api)
    auth, users = container.auth(), container.users()

    def register(who: str, phone: str, apartment: str, place: Location, **needs: Any) -> User:
        form = Registration(TELEGRAM_IDS[who], who.title(), auth.hash(phone), apartment, place,
                            **needs)
        api.start(TELEGRAM_IDS[who])  # they have opened the bot's private chat
        return users.register(form).user

    priya = register("priya", PRIYA_PHONE, PRIYA_APARTMENT, PRIYA_PLACE)
    tom = register("tom", TOM_PHONE, TOM_APARTMENT, TOM_PLACE,
                   allergies=frozenset({Allergen.MILK}))
    sam = register("sam", SAM_PHONE, "3", SAM_PLACE)
    now = clock.now()
    window = PickupWindow(now + timedelta(hours=1), now + timedelta(hours=3))
    food = container.food()

    def share(who: User, name: str, portions: int = 3, **kind: Any) -> int:
        assert who.id is not None
        post = food.share(who.id, Dish(name, portions, window, **kind))
        assert post.id is not None
        return post.id

    posts = {
        "dal": share(priya, "Dal <b>tadka</b>", 4, diet_tags=frozenset({DietTag.VEGAN})),
        "paneer": share(priya, "Palak paneer", 2, allergens=frozenset({Allergen.MILK})),
        "soup": share(tom, "Tomato soup", 2),
        "stew": share(sam, "Far-away stew", 2),
    }
    return MiniAppWorld(container, clock, api, runtime, priya, tom, sam, posts)
