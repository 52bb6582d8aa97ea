"""The Telegram notifier against the offline Bot API, on a clock the test controls."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.telegram.notifier import MAX_ATTEMPTS, TelegramNotifier, Throttle
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi
from neighborshare.container import Container, memory_container
from neighborshare.domain.users import User
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.ports.services import Button, Delivery, OutgoingMessage
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration

NOON = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
# PTB itself reads RetryAfter.retry_after while building the error.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


class FakeTime:
    """Monotonic time that moves only when the notifier sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class StampedApi(OfflineBotApi):
    """The offline Bot API, noting the (fake) time and answer of every send attempt."""

    def __init__(self, clock: FakeTime) -> None:
        super().__init__()
        self.clock = clock
        self.attempts: list[tuple[float, int, int]] = []  # (time, chat, HTTP status)

    async def do_request(self, url: str, method: str, request_data: Any = None, **kw: Any):
        status, body = await super().do_request(url, method, request_data, **kw)
        if url.endswith(("/sendMessage", "/sendPhoto")):
            chat = int(request_data.parameters["chat_id"])
            self.attempts.append((self.clock.now, chat, status))
        return status, body


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


@pytest.fixture
def api(clock: FakeTime) -> StampedApi:
    return StampedApi(clock)


@pytest.fixture
def notifier(api: StampedApi, clock: FakeTime) -> Iterator[TelegramNotifier]:
    bot = Bot(OFFLINE_TOKEN, request=api, get_updates_request=api)
    sender = TelegramNotifier(bot, Throttle(monotonic=clock.monotonic, sleep=clock.sleep))
    yield sender
    sender.close()


def note(chat_id: int, text: str) -> OutgoingMessage:
    return OutgoingMessage(chat_id, text)


def test_one_chat_gets_at_most_one_message_a_second(notifier: TelegramNotifier, api: StampedApi):
    for i in range(100):
        assert notifier.send(note(42, f"alert {i}")) is Delivery.SENT
    assert [m.text for m in api.messages(42)] == [f"alert {i}" for i in range(100)]
    times = [t for t, _, _ in api.attempts]
    assert min(b - a for a, b in itertools.pairwise(times)) >= 1.0
    assert times[-1] - times[0] == pytest.approx(99.0)


def test_many_chats_get_at_most_thirty_messages_a_second(
    notifier: TelegramNotifier, api: StampedApi
):
    for chat in range(1, 301):
        notifier.send(note(chat, "Fresh dal nearby"))
    assert all(len(api.messages(chat)) == 1 for chat in range(1, 301))
    times = [t for t, _, _ in api.attempts]
    assert len(times) == 300
    assert all(times[i + 30] - times[i] >= 1.0 for i in range(len(times) - 30))
    assert times[-1] - times[0] == pytest.approx(9.0)  # 30 a second, no slower


def test_a_429_delays_the_message_without_losing_it(
    notifier: TelegramNotifier, api: StampedApi, clock: FakeTime
):
    api.rate_limit(7, retry_after=5, times=2)
    assert notifier.send(note(7, "Your request was accepted")) is Delivery.SENT
    assert notifier.send(note(8, "Another neighbor")) is Delivery.SENT
    assert [m.text for m in api.messages(7)] == ["Your request was accepted"]
    assert [(t - api.attempts[0][0], chat, s) for t, chat, s in api.attempts] == [
        (0.0, 7, 429), (5.0, 7, 429), (10.0, 7, 200), (10.0, 8, 200),
    ]


def test_endless_429s_raise_so_the_outbox_keeps_the_message(
    notifier: TelegramNotifier, api: StampedApi
):
    api.rate_limit(7, retry_after=1, times=MAX_ATTEMPTS)
    with pytest.raises(RetryAfter):
        notifier.send(note(7, "kept for later"))
    assert api.messages(7) == []
    assert notifier.send(note(7, "kept for later")) is Delivery.SENT


def test_a_blocked_bot_is_reported_and_nothing_is_sent(notifier: TelegramNotifier, api: StampedApi):
    api.block(9)
    assert notifier.send(note(9, "hello")) is Delivery.BLOCKED
    assert api.messages(9) == []


def test_html_buttons_and_photos_reach_the_chat(notifier: TelegramNotifier, api: StampedApi):
    file_id = api.add_file(b"\xff\xd8 dal photo")
    buttons = ((Button("Request a portion", "post:req:5"),),)
    notifier.send(OutgoingMessage(3, "<b>Dal</b> &amp; rice", buttons, photo=file_id))
    sent = api.last(3)
    assert (sent.photo, sent.parse_mode, sent.text) == (file_id, "HTML", "<b>Dal</b> &amp; rice")
    assert sent.labels == [["Request a portion"]]


def test_a_neighbor_who_blocked_the_bot_is_marked_unreachable_and_left_alone(
    notifier: TelegramNotifier, api: StampedApi
):
    app = memory_container(clock=FixedClock(NOON), notifier=notifier)
    priya, tom = (register(app, tg, name) for tg, name in ((1, "Priya"), (2, "Tom")))
    api.block(2)
    app.food().share(priya.id, Dish("Dal", 3, PickupWindow(NOON + HOUR, NOON + 2 * HOUR)))
    assert app.notifications().drain_all().blocked == 1
    assert app.users().profile(2).reachable is False
    app.food().share(priya.id, Dish("Rice", 2, PickupWindow(NOON + HOUR, NOON + 2 * HOUR)))
    app.notifications().drain_all()
    assert [chat for _, chat, _ in api.attempts] == [2]  # tried once, never again
    assert tom.id is not None


def register(app: Container, telegram_id: int, name: str) -> User:
    phone = app.auth().hash(f"+4477009000{telegram_id:02d}")
    form = Registration(telegram_id, name, phone, "4B", Location(51.5074, -0.1278))
    return app.users().register(form).user
