"""How a dish's card reads in the bot: the sharer's rating beside their name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from neighborshare.domain.posts import FoodPost
from neighborshare.domain.ratings import RatingSummary
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.presentation.cards import post_card
from neighborshare.presentation.i18n import speaking
from neighborshare.services.food import PostCard

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def card(rating: RatingSummary | None) -> PostCard:
    window = PickupWindow(NOW + timedelta(hours=1), NOW + timedelta(hours=2))
    post = FoodPost(7, "Dal", 3, window, Location(51.5, -0.12), NOW, id=4)
    return PostCard(post, 300, "Sol", rating)


@pytest.mark.parametrize("language", ["en", "de", "es", "uk"])
def test_a_rated_sharer_reads_without_nested_brackets(language: str) -> None:
    with speaking(language):
        text = post_card(card(RatingSummary(3, 3.8)), TZ, NOW)
    assert "((" not in text and "))" not in text, text
    assert "(3))" not in text, text
    assert "★ (3)" in text, text


def test_the_rating_follows_the_sharers_name() -> None:
    with speaking("en"):
        rated = post_card(card(RatingSummary(3, 3.8)), TZ, NOW)
        new = post_card(card(None), TZ, NOW)
    assert "shared by Sol · 3.8★ (3) · dish #4" in rated
    assert "shared by Sol · new neighbor · dish #4" in new
