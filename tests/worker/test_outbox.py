"""The outbox: drained in batches, never sent twice even with two consumers at once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from neighborshare.adapters.memory.outside import RecordingNotifier
from neighborshare.domain.records import OutboxMessage
from neighborshare.domain.sending import MAX_REFUSALS
from neighborshare.domain.users import User
from neighborshare.ports.services import Delivery, OutgoingMessage, SendRefused
from neighborshare.services.notifications import NotificationService
from neighborshare.services.transactions import in_transaction, notify
from tests.worker.conftest import BACKENDS, MakeWorld, World
from tests.worker.scenario import register

ROWS = 120


class SlowRecordingNotifier(RecordingNotifier):
    """Thread-safe, and yields the GIL on every send so that consumers interleave."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._pause = threading.Event()

    def send(self, message: OutgoingMessage) -> Delivery:
        self._pause.wait(0.001)
        with self._lock:
            return super().send(message)


def by_id(message: OutboxMessage, recipient: User) -> OutgoingMessage:
    return OutgoingMessage(recipient.telegram_id, f"row {message.id}")


def _fill(world: World) -> list[int]:
    users = [register(world, 300 + i, f"Neighbor{i}") for i in range(6)]
    now = world.clock.now()

    def work(uow):  # type: ignore[no-untyped-def]
        for n in range(ROWS):
            notify(uow, users[n % len(users)], "warned", {}, now, f"test:{n}")

    in_transaction(world.uow, work)
    return users


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_consumers_draining_at_once_deliver_each_row_exactly_once(
    make_world: MakeWorld, backend: str
) -> None:
    world = make_world(backend)
    _fill(world)
    notifier = SlowRecordingNotifier()
    consumers = [
        NotificationService(world.uow, world.clock, notifier, by_id, world.container.rules())
        for _ in range(2)
    ]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def consume(service: NotificationService) -> None:
        try:
            start.wait()
            service.drain_all(batch=7)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=consume, args=(s,)) for s in consumers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    delivered = sorted(int(m.html.split()[1]) for m in notifier.sent)
    assert len(delivered) == ROWS
    assert len(set(delivered)) == ROWS  # none twice
    with world.uow() as uow:
        assert uow.outbox.backlog(world.clock.now() + timedelta(hours=1)) == 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_row_claimed_by_a_lost_worker_is_sent_after_its_lease(
    make_world: MakeWorld, backend: str
) -> None:
    world = make_world(backend)
    _fill(world)
    lost = NotificationService(world.uow, world.clock, RecordingNotifier(), by_id,
                               world.container.rules())
    with world.uow() as uow:  # the lost worker claimed 10 rows and died before sending
        for message in uow.outbox.claim_due(world.clock.now(), 10):
            message.available_at = world.clock.now() + timedelta(minutes=5)
            uow.outbox.save(message)
        uow.commit()
    survivor = world.container.notifications()
    assert survivor.drain_all().sent == ROWS - 10
    world.clock.advance(timedelta(minutes=5))
    assert survivor.drain_all().sent == 10
    assert lost.drain_all().sent == 0
    assert len(world.notifier.sent) == ROWS


class RefusingNotifier(RecordingNotifier):
    """Telegram refuses every message to ``poisoned`` for good. (Not ``refused``: that is
    RecordingNotifier's own map of refused chats, which its send reads.)"""

    def __init__(self, poisoned: int) -> None:
        super().__init__()
        self.poisoned, self.refusals = poisoned, 0

    def send(self, message: OutgoingMessage) -> Delivery:
        if message.chat_id == self.poisoned:
            self.refusals += 1
            raise SendRefused("Message is too long")
        return super().send(message)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_poisoned_row_first_in_the_outbox_blocks_no_other_and_ends_failed(
    make_world: MakeWorld, backend: str
) -> None:
    world = make_world(backend)
    users = _fill(world)  # row 1 is to users[0]
    poisoned = 300  # users[0]'s chat
    notifier = RefusingNotifier(poisoned)
    service = NotificationService(world.uow, world.clock, notifier, by_id,
                                  world.container.rules())
    first = service.drain(batch=ROWS)
    assert (first.sent, first.refused) == (ROWS - ROWS // 6, ROWS // 6)
    for _ in range(MAX_REFUSALS + 1):
        world.clock.advance(timedelta(hours=1))
        service.drain_all()
    delivered = [int(m.html.split()[1]) for m in notifier.sent]
    assert len(delivered) == len(set(delivered)) == ROWS - ROWS // 6
    assert notifier.refusals == MAX_REFUSALS * ROWS // 6
    with world.uow() as uow:
        rows = uow.outbox.sent_to(users[0])
        assert all(r.failed_at and r.last_error == "Message is too long" for r in rows)
        assert uow.outbox.backlog(world.clock.now()) == 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_drain_takes_every_exchange_row_but_only_a_few_digests(
    make_world: MakeWorld, backend: str
) -> None:
    from neighborshare.services.notifications import LOWER_CLASS_BATCH

    world = make_world(backend)
    users = [register(world, 300 + i, f"Neighbor{i}") for i in range(3)]
    now = world.clock.now()

    def work(uow):  # type: ignore[no-untyped-def]
        for n in range(30):
            notify(uow, users[n % 3], "daily_digest", {}, now, f"digest:{n}")
        for n in range(15):
            notify(uow, users[n % 3], "request_accepted", {}, now, f"exchange:{n}")

    in_transaction(world.uow, work)
    notifier = RecordingNotifier()
    service = NotificationService(world.uow, world.clock, notifier, by_id,
                                  world.container.rules())
    assert service.drain(batch=100).sent == 15 + LOWER_CLASS_BATCH
    with world.uow() as uow:
        assert uow.outbox.backlog(now) == 30 - LOWER_CLASS_BATCH  # left for the next drains
