"""The send budget's contract, for the in-process budget and the Redis one: Telegram's limits
for every class of message, replies first, and a share for the classes below."""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Callable

import pytest

from neighborshare.adapters.redis.send_schedule import RedisSendSchedule
from neighborshare.adapters.telegram.throttle import Throttle
from neighborshare.domain.sending import SendClass
from neighborshare.ports.services import SendBudget

SLOT = 1 / 30
SEND_TAKES = 0.004  # a loopback send: the sender asks again this long after its slot


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["process", pytest.param("redis", marks=pytest.mark.redis)])
def budget(request: pytest.FixtureRequest, clock: Clock) -> SendBudget:
    if request.param == "process":
        return Throttle(monotonic=clock, sleep=lambda _: None)
    client, prefix = (request.getfixturevalue(f) for f in ("live_redis", "redis_prefix"))
    return RedisSendSchedule(client, prefix, clock=clock, sleep=lambda _: None)


Sent = list[tuple[float, SendClass, int]]


def simulate(
    budget: SendBudget, clock: Clock, senders: list[tuple[SendClass, Callable[[], int]]],
    seconds: float,
) -> Sent:
    """Each sender sends its class's next chat as soon as the budget lets it, for ``seconds``."""
    sent: Sent = []
    start = clock.now
    next_chat = [chat() for _, chat in senders]
    queue = [(start, index) for index in range(len(senders))]
    while queue:
        at, index = heapq.heappop(queue)
        if at >= start + seconds:
            continue
        clock.now = at
        send_class, chat = senders[index]
        turn = budget.reserve(next_chat[index], send_class)
        if turn.booked:
            sent.append((at + turn.wait, send_class, next_chat[index]))
            next_chat[index] = chat()
        heapq.heappush(queue, (at + turn.wait + (SEND_TAKES if turn.booked else 0), index))
    return sorted(sent)


def chats(first: int) -> Callable[[], int]:
    return itertools.count(first).__next__


def most_in_a_second(sent: Sent) -> int:
    times = [t for t, _, _ in sent]
    return max(sum(1 for u in times if t <= u < t + 1.0) for t in times)


def test_replies_go_at_once_thirty_a_second_and_one_a_second_per_chat(budget, clock):
    waits = [budget.reserve(chat, SendClass.REPLY).wait for chat in range(31)]
    assert waits[:30] == pytest.approx([i * SLOT for i in range(30)], abs=SLOT)
    assert waits[30] >= 1.0 - SLOT  # the 31st is in the next second
    again = budget.reserve(0, SendClass.REPLY)
    assert again.booked and again.wait >= 1.0  # the same chat a second after its first


def test_a_digest_books_only_the_next_slot(budget, clock):
    assert budget.reserve(1, SendClass.DIGEST).booked
    refused = budget.reserve(2, SendClass.DIGEST)
    assert not refused.booked and refused.wait <= SLOT + 1e-3


def test_a_reply_waits_at_most_one_slot_behind_the_digests(budget, clock):
    for chat in range(100, 400):
        sent = simulate(budget, clock, [(SendClass.DIGEST, chats(chat * 10))], 0.2)
        assert sent
        reply = budget.reserve(chat, SendClass.REPLY)
        assert reply.booked and reply.wait < 2 * SLOT
        clock.now += reply.wait
        if chat > 103:
            break


def test_digests_alone_get_the_whole_budget(budget, clock):
    sent = simulate(budget, clock, [(SendClass.DIGEST, chats(0)),
                                    (SendClass.DIGEST, chats(10**6))], 5.0)
    assert len(sent) >= 5 * 29
    assert most_in_a_second(sent) <= 30


def test_exchanges_go_before_digests_which_keep_a_share(budget, clock):
    senders = [(SendClass.EXCHANGE, chats(0)), (SendClass.EXCHANGE, chats(10**6)),
               (SendClass.DIGEST, chats(2 * 10**6)), (SendClass.DIGEST, chats(3 * 10**6))]
    sent = simulate(budget, clock, senders, 6.0)
    by_class = Counter(c for _, c, _ in sent)
    assert by_class[SendClass.DIGEST] >= 6  # the share: a slot in 30, one a second
    assert by_class[SendClass.DIGEST] <= 6 * 3
    assert by_class[SendClass.EXCHANGE] >= 6 * 25
    assert most_in_a_second(sent) <= 30


def test_a_chat_gets_one_message_a_second_across_classes(budget, clock):
    same = lambda: 7  # noqa: E731
    senders = [(SendClass.REPLY, same), (SendClass.EXCHANGE, same), (SendClass.DIGEST, same)]
    sent = simulate(budget, clock, senders, 5.0)
    times = [t for t, _, _ in sent]
    assert all(b - a >= 1.0 - 1e-6 for a, b in itertools.pairwise(times))
    assert len(sent) >= 4


def test_a_held_chat_waits_for_any_class(budget, clock):
    budget.hold_chat(5, 30.0)
    reply = budget.reserve(5, SendClass.REPLY)
    assert not reply.booked or reply.wait >= 30.0 - 1e-3
    digest = budget.reserve(5, SendClass.DIGEST)
    assert not digest.booked and digest.wait >= 29.0


def test_a_sender_woken_late_books_another_slot_instead_of_sending_late(clock):
    slept: list[float] = []

    def oversleeping(seconds: float) -> None:  # the first sleep ends 0.2 s late
        slept.append(seconds)
        clock.now += seconds + (0.2 if len(slept) == 1 else 0.0)

    budget = Throttle(monotonic=clock, sleep=oversleeping)
    budget.wait_turn(2, SendClass.DIGEST)  # its slot is ~20 ms ahead: it sleeps, too long
    # that slot given up (the chat still waits its second, as if it had been sent), a new
    # one booked and kept: woken on time, it returns
    assert len(slept) > 1 and slept[-1] < 1.0
