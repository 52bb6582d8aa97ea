"""The Telegram notifier against the offline Bot API, on a clock the test controls."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from neighborshare.adapters.telegram.notifier import MAX_ATTEMPTS, TelegramNotifier
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN
from neighborshare.adapters.telegram.throttle import Throttle
from neighborshare.ports.services import Button, Delivery, OutgoingMessage
from tests.adapters.telegram_fakes import FakeTime, StampedApi

# PTB itself reads RetryAfter.retry_after while building the error.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


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
