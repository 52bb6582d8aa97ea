"""The Telegram notifier against the offline Bot API, on a clock the test controls."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest
import redis
from telegram import Bot

from neighborshare.adapters.redis.send_schedule import RedisSendSchedule
from neighborshare.adapters.telegram.notifier import MAX_ATTEMPTS, TelegramNotifier
from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN
from neighborshare.adapters.telegram.throttle import Pacer, Throttle
from neighborshare.domain.sending import SendClass
from neighborshare.ports.services import (
    Button,
    Delivery,
    OutgoingMessage,
    SendPostponed,
    SendRefused,
)
from tests.adapters.telegram_fakes import FakeTime, StampedApi

Make = Callable[[], TelegramNotifier]
MICROSECOND = 2e-6  # the Redis schedule counts in whole microseconds (and floats round)
# PTB itself reads RetryAfter.retry_after while building the error.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


@pytest.fixture
def api(clock: FakeTime) -> StampedApi:
    return StampedApi(clock)


@pytest.fixture(params=["process", pytest.param("redis", marks=pytest.mark.redis)])
def make_pacer(request: pytest.FixtureRequest, clock: FakeTime) -> Callable[[], Pacer]:
    """The per-process throttle, or the Redis schedule shared by every sender of the bot."""
    if request.param == "process":
        return lambda: Throttle(monotonic=clock.monotonic, sleep=clock.sleep)
    client, prefix = (request.getfixturevalue(f) for f in ("live_redis", "redis_prefix"))
    return lambda: RedisSendSchedule(client, prefix, clock=clock.monotonic, sleep=clock.sleep)


@pytest.fixture
def make_notifier(api: StampedApi, make_pacer: Callable[[], Pacer]) -> Iterator[Make]:
    made: list[TelegramNotifier] = []

    def make() -> TelegramNotifier:
        bot = Bot(OFFLINE_TOKEN, request=api, get_updates_request=api)
        made.append(TelegramNotifier(bot, make_pacer()))
        return made[-1]

    yield make
    for sender in made:
        sender.close()


@pytest.fixture
def notifier(make_notifier: Make) -> TelegramNotifier:
    return make_notifier()


def note(chat_id: int, text: str) -> OutgoingMessage:
    return OutgoingMessage(chat_id, text)


def test_one_chat_gets_at_most_one_message_a_second(notifier: TelegramNotifier, api: StampedApi):
    for i in range(100):
        assert notifier.send(note(42, f"alert {i}")) is Delivery.SENT
    assert [m.text for m in api.messages(42)] == [f"alert {i}" for i in range(100)]
    times = [t for t, _, _ in api.attempts]
    assert min(b - a for a, b in itertools.pairwise(times)) >= 1.0 - MICROSECOND
    assert times[-1] - times[0] == pytest.approx(99.0, rel=1e-4)  # slots of 1/30 s, rounded up


def test_many_chats_get_at_most_thirty_messages_a_second(
    notifier: TelegramNotifier, api: StampedApi
):
    for chat in range(1, 301):
        notifier.send(note(chat, "Fresh dal nearby"))
    assert all(len(api.messages(chat)) == 1 for chat in range(1, 301))
    times = [t for t, _, _ in api.attempts]
    assert len(times) == 300
    assert within_limits(times)
    assert times[-1] - times[0] <= 10.0  # 30 a second, no slower


@pytest.mark.redis
def test_replicas_sharing_the_redis_schedule_keep_the_limits_together(
    api: StampedApi, clock: FakeTime, live_redis: redis.Redis, redis_prefix: str
):
    replicas = [
        TelegramNotifier(
            Bot(OFFLINE_TOKEN, request=api, get_updates_request=api),
            RedisSendSchedule(live_redis, redis_prefix, clock=clock.monotonic, sleep=clock.sleep),
        )
        for _ in range(2)
    ]
    for chat in range(1, 121):
        replicas[chat % 2].send(note(chat, "Fresh dal nearby"))
        replicas[(chat + 1) % 2].send(note(chat, "Still warm"))
    times = [t for t, _, _ in api.attempts]
    assert len(times) == 240 and within_limits(times)
    for chat in (1, 60, 120):
        first, second = (t for t, c, _ in api.attempts if c == chat)
        assert second - first >= 1.0 - MICROSECOND
    for replica in replicas:
        replica.close()


def within_limits(times: list[float]) -> bool:
    """No 31 sends inside one second."""
    return all(times[i + 30] - times[i] >= 1.0 - MICROSECOND for i in range(len(times) - 30))


def test_a_429_delays_the_message_without_losing_it(
    notifier: TelegramNotifier, api: StampedApi, clock: FakeTime
):
    api.rate_limit(7, retry_after=5, times=2)
    assert notifier.send(note(7, "Your request was accepted")) is Delivery.SENT
    assert notifier.send(note(8, "Another neighbor")) is Delivery.SENT
    assert [m.text for m in api.messages(7)] == ["Your request was accepted"]
    start = api.attempts[0][0]
    assert [(round(t - start, 3), c, s) for t, c, s in api.attempts if c == 7] == [
        (0.0, 7, 429), (5.0, 7, 429), (10.0, 7, 200),
    ]
    assert [s for _, c, s in api.attempts if c == 8] == [200]


def test_endless_429s_postpone_the_message_so_the_outbox_keeps_it(
    notifier: TelegramNotifier, api: StampedApi
):
    api.rate_limit(7, retry_after=3, times=MAX_ATTEMPTS)
    with pytest.raises(SendPostponed) as postponed:
        notifier.send(note(7, "kept for later"))
    assert postponed.value.retry_in == 3
    assert api.messages(7) == []
    assert notifier.send(note(7, "kept for later")) is Delivery.SENT


def test_a_blocked_bot_is_reported_and_nothing_is_sent(notifier: TelegramNotifier, api: StampedApi):
    api.block(9)
    assert notifier.send(note(9, "hello")) is Delivery.BLOCKED
    assert api.messages(9) == []


def test_a_chat_telegram_no_longer_knows_counts_as_unreachable(
    notifier: TelegramNotifier, api: StampedApi
):
    api.gone.add(11)
    assert notifier.send(note(11, "hello")) is Delivery.BLOCKED
    assert notifier.send(note(12, "hello")) is Delivery.SENT


def test_html_buttons_and_photos_reach_the_chat(notifier: TelegramNotifier, api: StampedApi):
    file_id = api.add_file(b"\xff\xd8 dal photo")
    buttons = ((Button("Request a portion", "post:req:5"),),)
    notifier.send(OutgoingMessage(3, "<b>Dal</b> &amp; rice", buttons, photo=file_id))
    sent = api.last(3)
    assert (sent.photo, sent.parse_mode, sent.text) == (file_id, "HTML", "<b>Dal</b> &amp; rice")
    assert sent.labels == [["Request a portion"]]


def test_a_refused_message_raises_send_refused_with_telegrams_reason(
    notifier: TelegramNotifier, api: StampedApi
):
    api.refused[7] = "Bad Request: message is too long"
    with pytest.raises(SendRefused) as refused:
        notifier.send(note(7, "x"))
    assert refused.value.reason == "Message is too long"
    assert notifier.send(note(8, "next")) is Delivery.SENT


def test_paid_digests_go_with_allow_paid_broadcast_outside_the_budget(
    api: StampedApi, clock: FakeTime
):
    bot = Bot(OFFLINE_TOKEN, request=api, get_updates_request=api)
    notifier = TelegramNotifier(bot, Throttle(monotonic=clock.monotonic, sleep=clock.sleep),
                                paid_digests=True)
    for chat in range(1, 101):
        notifier.send(OutgoingMessage(chat, "Today nearby", send_class=SendClass.DIGEST))
    notifier.send(note(1, "Your request was accepted"))
    notifier.close()
    digests = [api.messages(chat)[0] for chat in range(1, 101)]
    assert all(m.paid_broadcast for m in digests)
    assert api.messages(1)[1].paid_broadcast is False  # an exchange's news is not paid
    times = [t for t, _, _ in api.attempts]
    assert times[99] - times[0] < 1.0  # 100 digests in no time: no slot of 30/s booked


def test_the_offline_api_reads_allow_paid_broadcast_as_telegram_does():
    from neighborshare.adapters.telegram.methods import paid_broadcast

    assert [paid_broadcast(p) for p in ({}, {"allow_paid_broadcast": True},
                                         {"allow_paid_broadcast": "true"})] == [False, True, True]
    with pytest.raises(Exception, match="Boolean"):
        paid_broadcast({"allow_paid_broadcast": "sometimes"})
