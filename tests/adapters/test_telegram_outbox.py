"""The notifier behind the outbox: a neighbor who blocked the bot is marked unreachable."""

from __future__ import annotations

from datetime import timedelta

from telegram import Bot

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.telegram.notifier import TelegramNotifier
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN
from neighborshare.adapters.telegram.throttle import Throttle
from neighborshare.container import memory_container
from neighborshare.domain.values import PickupWindow
from neighborshare.services.food import Dish
from tests.adapters.neighbors import NOON, register
from tests.adapters.telegram_fakes import FakeTime, StampedApi

HOUR = timedelta(hours=1)


def test_a_neighbor_who_blocked_the_bot_is_marked_unreachable_and_left_alone():
    clock = FakeTime()
    api = StampedApi(clock)
    bot = Bot(OFFLINE_TOKEN, request=api, get_updates_request=api)
    notifier = TelegramNotifier(bot, Throttle(monotonic=clock.monotonic, sleep=clock.sleep))
    app = memory_container(clock=FixedClock(NOON), notifier=notifier)
    priya = register(app, 1, "Priya")
    register(app, 2, "Tom")
    api.block(2)
    app.food().share(priya.id, Dish("Dal", 3, PickupWindow(NOON + HOUR, NOON + 2 * HOUR)))
    assert app.notifications().drain_all().blocked == 1
    assert app.users().profile(2).reachable is False
    app.food().share(priya.id, Dish("Rice", 2, PickupWindow(NOON + HOUR, NOON + 2 * HOUR)))
    app.notifications().drain_all()
    assert [chat for _, chat, _ in api.attempts] == [2]  # tried once, never again
    notifier.close()
