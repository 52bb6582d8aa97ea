"""One whole exchange through the services on the memory profile."""

from datetime import UTC, datetime, timedelta

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import memory_container
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.services.food import Dish
from neighborshare.services.users import Registration

NOON = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)


def test_share_request_accept_pickup_rate_moves_credits_as_designed():
    clock = FixedClock(NOON)
    c = memory_container(clock=clock)
    auth = c.auth()
    priya = (
        c.users()
        .register(
            Registration(1, "Priya", auth.hash("+447700900001"), "4B", Location(51.5074, -0.1278))
        )
        .user
    )
    tom = (
        c.users()
        .register(
            Registration(2, "Tom", auth.hash("+447700900002"), "7A", Location(51.5080, -0.1270))
        )
        .user
    )
    post = c.food().share(
        priya.id, Dish("Dal", 3, PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=2)))
    )
    page = c.food().browse(tom.id)
    assert [card.post.name for card in page.cards] == ["Dal"]
    exchange = c.exchanges().request(tom.id, post.id, 2)
    assert c.credits().statement(tom.id).balance == 3
    c.exchanges().accept(priya.id, exchange.id)
    c.exchanges().confirm_pickup(tom.id, exchange.id)
    c.ratings().rate(tom.id, exchange.id, interaction=5, food=5)
    assert c.credits().statement(priya.id).balance == 5 + 2 + 1
    assert c.credits().statement(tom.id).balance == 3
    c.notifications().drain_all()
    kinds = [m.html for m in c.notifier().to(2)]
    assert any("accepted" in text and "4B" in text for text in kinds)
