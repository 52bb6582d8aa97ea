"""A sharer's controls on a dish, as domain rules: who may change it, portions, window, labels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from neighborshare.domain.errors import (
    InvalidInput,
    InvalidPickupWindow,
    NotAllowed,
    NotEnoughPortions,
    PostNotAvailable,
)
from neighborshare.domain.posts import FoodPost, PostStatus
from neighborshare.domain.values import Allergen, DietTag, Location, PickupWindow

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
HORIZON = timedelta(hours=48)


def dal(reserved: int = 0) -> FoodPost:
    window = PickupWindow(NOW + HOUR, NOW + 2 * HOUR)
    post = FoodPost(7, "Dal", 4, window, Location(51.5, -0.12), NOW, id=1)
    post.portions_reserved = reserved
    return post


def test_only_the_sharer_changes_a_dish_and_only_while_it_is_offered() -> None:
    post = dal()
    post.ensure_changeable(7, NOW)
    with pytest.raises(NotAllowed, match="not_your_dish"):
        post.ensure_changeable(8, NOW)
    with pytest.raises(PostNotAvailable, match="dish_closed"):
        post.ensure_changeable(7, NOW + 2 * HOUR)  # the window is over
    post.withdraw()
    assert not post.is_offered(NOW)
    with pytest.raises(PostNotAvailable, match="dish_closed"):
        post.ensure_changeable(7, NOW)


def test_portions_go_down_to_what_is_held_and_no_further() -> None:
    post = dal(reserved=3)
    post.set_portions(3, 20)
    assert post.portions_left == 0
    with pytest.raises(NotEnoughPortions) as refused:
        post.set_portions(2, 20)
    assert (refused.value.code, refused.value.values) == ("below_reserved", {"reserved": 3})
    with pytest.raises(InvalidInput, match="portions_to_share"):
        post.set_portions(21, 20)
    assert post.portions == 3


@pytest.mark.parametrize(
    ("start", "end"),
    [(0.5, 2), (1, 1.5), (0.5, 3)],  # starts earlier, ends earlier, starts earlier but longer
)
def test_the_window_never_moves_earlier(start: float, end: float) -> None:
    post = dal()
    earlier = PickupWindow(NOW + start * HOUR, NOW + end * HOUR)
    with pytest.raises(InvalidPickupWindow, match="window_only_later"):
        post.move_window(earlier, NOW, HORIZON)
    assert post.window == PickupWindow(NOW + HOUR, NOW + 2 * HOUR)


def test_the_window_moves_later_within_the_horizon() -> None:
    post = dal()
    later = PickupWindow(NOW + 3 * HOUR, NOW + 5 * HOUR)
    post.move_window(later, NOW, HORIZON)
    assert post.window == later
    with pytest.raises(InvalidPickupWindow, match="window_too_far"):
        post.move_window(PickupWindow(NOW + 3 * HOUR, NOW + 49 * HOUR), NOW, HORIZON)


def test_relabel_says_whether_anything_changed() -> None:
    post = dal()
    assert post.relabel(frozenset(), frozenset()) is False
    assert post.relabel(frozenset({Allergen.MUSTARD}), frozenset()) is True
    assert post.relabel(frozenset({Allergen.MUSTARD}), frozenset({DietTag.VEGAN})) is True
    assert post.relabel(frozenset({Allergen.MUSTARD}), frozenset({DietTag.VEGAN})) is False


def test_a_withdrawn_dish_is_not_hidden_so_restoring_cannot_revive_it() -> None:
    post = dal()
    post.withdraw()
    post.hide()
    post.unhide(NOW)
    assert post.status is PostStatus.WITHDRAWN
