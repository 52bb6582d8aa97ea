"""The notifier behind the outbox: blocked neighbors, refused messages and refused photos."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from telegram import Bot

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.telegram.notifier import TelegramNotifier
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN
from neighborshare.adapters.telegram.throttle import Throttle
from neighborshare.container import Container, memory_container
from neighborshare.domain.sending import MAX_REFUSALS
from neighborshare.domain.values import PickupWindow
from neighborshare.services.food import Dish
from neighborshare.services.transactions import in_transaction, notify
from tests.adapters.neighbors import NOON, register
from tests.adapters.telegram_fakes import FakeTime, StampedApi

HOUR = timedelta(hours=1)
TOO_LONG = "Bad Request: message is too long"


@dataclass
class Outbox:
    app: Container
    api: StampedApi
    clock: FixedClock

    def attempts_to(self, chat: int) -> list[int]:
        return [status for _, c, status in self.api.attempts if c == chat]


@pytest.fixture
def outbox() -> Iterator[Outbox]:
    time = FakeTime()
    api = StampedApi(time)
    bot = Bot(OFFLINE_TOKEN, request=api, get_updates_request=api)
    notifier = TelegramNotifier(bot, Throttle(monotonic=time.monotonic, sleep=time.sleep))
    clock = FixedClock(NOON)
    yield Outbox(memory_container(clock=clock, notifier=notifier), api, clock)
    notifier.close()


def test_a_neighbor_who_blocked_the_bot_is_marked_unreachable_and_left_alone(outbox: Outbox):
    app, api = outbox.app, outbox.api
    priya = register(app, 1, "Priya")
    register(app, 2, "Tom")
    api.block(2)
    app.food().share(priya.id, Dish("Dal", 3, PickupWindow(NOON + HOUR, NOON + 2 * HOUR)))
    assert app.notifications().drain_all().blocked == 1
    assert app.users().profile(2).reachable is False
    app.food().share(priya.id, Dish("Rice", 2, PickupWindow(NOON + HOUR, NOON + 2 * HOUR)))
    app.notifications().drain_all()
    assert [chat for _, chat, _ in api.attempts] == [2]  # tried once, never again


def _warn_all(app: Container, users: list[int], tag: str) -> None:
    def work(uow):  # type: ignore[no-untyped-def]
        for user_id in users:  # in this order: the first is the first row of the outbox
            notify(uow, user_id, "warned", {}, NOON, f"test:{tag}:{user_id}")

    in_transaction(app.uow_factory(), work)


def test_a_refused_message_first_in_the_outbox_fails_alone(outbox: Outbox):
    app, api = outbox.app, outbox.api
    users = [register(app, chat, name).id for chat, name in
             ((2, "Tom"), (3, "Ana"), (4, "Ben"), (5, "Mia"))]
    api.refused[2] = TOO_LONG
    _warn_all(app, users, "first")
    result = app.notifications().drain_all(batch=10)
    assert (result.sent, result.refused, result.failed) == (3, 1, 0)
    for _ in range(MAX_REFUSALS + 2):  # past every backoff, and then some
        outbox.clock.advance(timedelta(hours=1))
        app.notifications().drain_all(batch=10)
    assert outbox.attempts_to(2) == [400] * MAX_REFUSALS
    for chat in (3, 4, 5):
        assert outbox.attempts_to(chat) == [200]
        assert len(api.messages(chat)) == 1
    with app.uow_factory()() as uow:
        (failed,) = list(uow.outbox.sent_to(users[0]))
    assert failed.failed_at is not None and failed.sent_at is None
    assert failed.last_error == "Message is too long"  # as PTB words Telegram's answer


def test_a_refused_message_waits_longer_each_time(outbox: Outbox):
    app, api = outbox.app, outbox.api
    tom = register(app, 2, "Tom").id
    api.refused[2] = TOO_LONG
    _warn_all(app, [tom], "backoff")
    app.notifications().drain_all()
    outbox.clock.advance(timedelta(seconds=59))
    app.notifications().drain_all()
    assert outbox.attempts_to(2) == [400]  # the first wait is a minute
    outbox.clock.advance(timedelta(seconds=1))
    app.notifications().drain_all()
    outbox.clock.advance(timedelta(minutes=3))
    app.notifications().drain_all()
    assert outbox.attempts_to(2) == [400, 400]  # the second is four
    outbox.clock.advance(timedelta(minutes=1))
    assert app.notifications().drain_all().failed == 1
    assert outbox.attempts_to(2) == [400, 400, 400]


def test_a_photo_telegram_refuses_falls_back_to_the_same_text(outbox: Outbox):
    app, api = outbox.app, outbox.api
    priya = register(app, 1, "Priya")
    register(app, 2, "Tom")
    register(app, 3, "Ana")
    api.refused_photos.add("AgADlost")
    window = PickupWindow(NOON + HOUR, NOON + 2 * HOUR)
    app.food().share(priya.id, Dish("Dal", 3, window, photo_file_id="AgADlost"))
    result = app.notifications().drain_all()
    assert (result.sent, result.refused) == (2, 0)
    for chat in (2, 3):
        assert outbox.attempts_to(chat) == [400, 200]
        (alert,) = api.messages(chat)
        assert alert.photo is None and "Dal" in alert.text and alert.labels
