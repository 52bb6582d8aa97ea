"""Cache-aside reads of posts, cards and ratings stay fresh through requests and ratings."""

from __future__ import annotations

from datetime import timedelta

from neighborshare.container import Container
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.ports.services import Cache
from neighborshare.services.food import Dish, PostCard
from neighborshare.services.users import Registration
from tests.adapters.neighbors import NOON, register


def test_requests_and_ratings_invalidate_posts_balances_and_ratings(app: Container, cache: Cache):
    priya, tom = register(app, 1, "Priya"), register(app, 2, "Tom")
    reads = app.cached_reads()
    window = PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=2))
    post = app.food().share(priya.id, Dish("Dal", 3, window))
    assert reads.post(post.id).portions_reserved == 0
    assert reads.user(tom.id).balance == 5
    assert reads.rating(priya.id).count == 0
    exchange = app.exchanges().request(tom.id, post.id, 2)
    assert reads.post(post.id).portions_reserved == 2
    assert reads.user(tom.id).balance == 3
    app.exchanges().accept(priya.id, exchange.id)
    app.exchanges().confirm_pickup(tom.id, exchange.id)
    app.ratings().rate(tom.id, exchange.id, interaction=5, food=4)
    assert reads.rating(priya.id).count == 1
    assert reads.post(post.id).window == window


def test_post_cards_match_the_service_and_follow_every_change(app: Container, cache: Cache):
    priya, tom = register(app, 1, "Priya"), register(app, 2, "Tom")
    reads = app.cached_reads()
    window = PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=2))
    post = app.food().share(priya.id, Dish("Dal", 3, window))
    first = reads.card(tom.id, post.id)
    assert card_fields(first) == card_fields(app.food().card(tom.id, post.id))
    exchange = app.exchanges().request(tom.id, post.id, 1)
    app.exchanges().accept(priya.id, exchange.id)
    app.exchanges().confirm_pickup(tom.id, exchange.id)
    app.ratings().rate(tom.id, exchange.id, interaction=5, food=5)
    app.users().register(
        Registration(1, "Priyanka", priya.phone, "4B", Location(51.5074, -0.1278))
    )
    later = reads.card(tom.id, post.id)
    assert card_fields(later) == card_fields(app.food().card(tom.id, post.id))
    assert (later.sharer_name, later.post.portions_reserved) == ("Priyanka", 1)
    assert reads.rating(priya.id).count == 1


def card_fields(card: PostCard) -> tuple[object, ...]:
    post = card.post
    return (post.id, post.name, post.portions_reserved, card.distance, card.sharer_name,
            card.sharer_rating)
