"""A new post's alerts: queued by the drain that claims the post's fan-out row, in the
transaction that marks that row done, once, and only while the post is still on offer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from neighborshare.domain.records import OutboxMessage
from neighborshare.domain.users import User
from neighborshare.domain.values import PickupWindow
from neighborshare.ports.services import OutgoingMessage
from neighborshare.services.food import Dish
from neighborshare.services.notifications import NEW_POST, NEW_POST_FAN_OUT, NotificationService
from tests.worker.conftest import BACKENDS, MakeWorld, World
from tests.worker.scenario import register


class Broken(Exception):
    pass


def _published(world: World) -> tuple[int, list[int], int]:
    """At noon (outside quiet hours) three neighbors and a sharer, who shares 2 portions:
    (sharer, neighbors, post id)."""
    world.clock.advance(timedelta(hours=5))
    neighbors = [register(world, 300 + i, f"Neighbor{i}") for i in range(3)]
    sharer = register(world, 100, "Sharer")
    now = world.clock.now()
    window = PickupWindow(now + timedelta(hours=1), now + timedelta(hours=2))
    post = world.container.food().share(sharer, Dish("Dal", 2, window))
    return sharer, neighbors, int(post.id or 0)


def _queued(world: World, user_id: int) -> list[str]:
    with world.uow() as uow:
        return [m.kind for m in uow.outbox.sent_to(user_id)]


def _alerted(world: World) -> list[int]:
    return sorted(m.chat_id for m in world.notifier.sent if "New nearby" in m.html)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_publish_queues_one_row_and_the_drain_turns_it_into_alerts(
    make_world: MakeWorld, backend: str
) -> None:
    world = make_world(backend)
    sharer, neighbors, _ = _published(world)
    assert _queued(world, sharer) == [NEW_POST_FAN_OUT]
    assert all(_queued(world, n) == [] for n in neighbors)  # nobody's alert is queued yet

    result = world.container.notifications().drain_all()

    assert result.fanned_out == 1 and result.sent == 3
    assert _alerted(world) == [300, 301, 302]  # each neighbor once, the sharer never
    assert all(_queued(world, n) == [NEW_POST] for n in neighbors)
    assert world.container.notifications().drain_all().handled == 0  # the row is done


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_post_taken_before_the_drain_alerts_nobody(make_world: MakeWorld, backend: str) -> None:
    world = make_world(backend)
    _, neighbors, post = _published(world)
    world.container.exchanges().request(neighbors[0], post, 2)  # every portion

    result = world.container.notifications().drain_all()

    assert result.fanned_out == 1
    assert _alerted(world) == []
    assert result.sent == 1  # the sharer hears of the request, nobody of the dish
    assert world.container.notifications().drain_all().handled == 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_drain_that_fails_leaves_the_fan_out_to_the_next_one(
    make_world: MakeWorld, backend: str
) -> None:
    world = make_world(backend)
    _, neighbors, post = _published(world)
    world.container.exchanges().request(neighbors[0], post, 1)  # a message after the row
    c = world.container

    def broken(message: OutboxMessage, recipient: User) -> OutgoingMessage | None:
        raise Broken()

    with pytest.raises(Broken):  # the request's message fails to render, in the claim
        NotificationService(c.uow_factory(), world.clock, c.notifier(), broken, c.rules()).drain()
    assert all(_queued(world, n) == [] for n in neighbors[1:])  # rolled back with the claim

    result = c.notifications().drain_all()

    assert result.fanned_out == 1
    assert _alerted(world) == [300, 301, 302]
    assert c.notifications().drain_all().handled == 0
