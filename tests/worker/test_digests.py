"""Daily digest at 08:00 local of dishes nearby; weekly digest on Monday 09:00 with impact."""

from __future__ import annotations

from datetime import timedelta

from neighborshare.domain.values import Allergen, Location
from tests.worker.conftest import MakeWorld
from tests.worker.scenario import build, register


def test_daily_digest_lists_what_is_available_nearby_once_at_eight(make_world: MakeWorld) -> None:
    world = make_world("memory")
    build(world, pairs=2)  # Dish 0 and Dish 1, with eggs, 1 portion left each
    register(world, 150, "Ana", allergies=frozenset({Allergen.EGGS}))
    faraway = register(world, 160, "Far")
    with world.uow() as uow:
        user = uow.users.get(faraway)
        user.location = Location(51.60, -0.1278)  # about 10 km north
        uow.users.save(user)
        uow.commit()
    digests = world.container.digests()
    world.clock.advance(timedelta(minutes=59))  # 07:59 local
    assert digests.send_daily() == 0
    world.clock.advance(timedelta(minutes=2))  # 08:01 local
    assert digests.send_daily() == 4  # two sharers, two requesters; not Ana, not Far
    assert digests.send_daily() == 0
    world.container.notifications().drain_all()
    sharer_digest = [m for m in world.notifier.to(100) if "Good morning" in m.html]
    assert len(sharer_digest) == 1
    text = sharer_digest[0].html
    assert "Dish 1 &lt;b&gt;" in text and "Dish 0" not in text  # escaped, not their own
    assert "1 portion," in text and sharer_digest[0].buttons[0][0].data.startswith("post:req:")
    assert world.notifier.to(150) == [] and world.notifier.to(160) == []
    world.clock.advance(timedelta(hours=4))  # past the catch-up period: no late digest
    world.clock.advance(timedelta(days=1))
    assert digests.send_daily() == 0


def test_weekly_digest_tells_personal_and_community_impact(make_world: MakeWorld) -> None:
    world = make_world("memory")
    hood = build(world, pairs=2, accept=True)
    c = world.container
    c.exchanges().confirm_pickup(hood.requesters[0], hood.exchanges[0])
    world.clock.advance(timedelta(days=7, hours=2, minutes=5))  # next Monday 09:05 local
    assert c.digests().send_weekly() == 4
    assert c.digests().send_weekly() == 0
    c.notifications().drain_all()
    [sharer] = [m.html for m in world.notifier.to(100) if "Your week" in m.html]
    assert "You shared 1 portion with 1 neighbor." in sharer
    assert "You earned 1 credit." in sharer and "You received" not in sharer
    assert "Your balance: 6 credits" in sharer
    assert "neighbors shared 1 portion in 1 exchange, helping 1 neighbor" in sharer
    [idle] = [m.html for m in world.notifier.to(101) if "Your week" in m.html]
    assert "No exchanges for you last week" in idle
    world.clock.advance(timedelta(days=1))  # Tuesday: nothing more
    assert c.digests().send_weekly() == 0
