"""A food post: a dish with portions, allergens and a pickup window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from neighborshare.domain.errors import (
    InvalidInput,
    InvalidPickupWindow,
    NotAllowed,
    NotEnoughPortions,
    PostNotAvailable,
)
from neighborshare.domain.values import Allergen, DietTag, Location, PickupWindow


class PostStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    HIDDEN = "hidden"
    WITHDRAWN = "withdrawn"  # taken down by its sharer, for good


def clean_food_name(raw: str, max_length: int) -> str:
    name = " ".join(raw.split())
    if not name or len(name) > max_length:
        raise InvalidInput("dish_name_length", maximum=max_length)
    return name


@dataclass(eq=False)
class FoodPost:
    sharer_id: int
    name: str
    portions: int
    window: PickupWindow
    location: Location
    created_at: datetime
    allergens: frozenset[Allergen] = frozenset()
    diet_tags: frozenset[DietTag] = frozenset()
    description: str = ""
    photo_ref: str | None = None
    photo_file_id: str | None = None
    status: PostStatus = PostStatus.ACTIVE
    portions_reserved: int = 0
    id: int | None = None

    @property
    def portions_left(self) -> int:
        return self.portions - self.portions_reserved

    @property
    def expires_at(self) -> datetime:
        return self.window.end

    def is_available(self, now: datetime) -> bool:
        return self.status is PostStatus.ACTIVE and now < self.window.end and self.portions_left > 0

    def reserve(self, count: int, now: datetime) -> None:
        """Set ``count`` portions aside for a request."""
        if self.status is not PostStatus.ACTIVE or now >= self.window.end:
            raise PostNotAvailable()
        if count < 1 or count > self.portions_left:
            left = self.portions_left
            if left == 0:
                raise PostNotAvailable("all_portions_claimed")
            raise NotEnoughPortions("only_left", left=left)
        self.portions_reserved += count

    def release(self, count: int) -> None:
        self.portions_reserved = max(0, self.portions_reserved - count)

    def expire(self) -> None:
        if self.status is PostStatus.ACTIVE:
            self.status = PostStatus.EXPIRED

    def hide(self) -> None:
        if self.status is not PostStatus.WITHDRAWN:  # else restoring it would bring it back
            self.status = PostStatus.HIDDEN

    def unhide(self, now: datetime) -> None:
        if self.status is PostStatus.HIDDEN:
            self.status = PostStatus.ACTIVE if now < self.window.end else PostStatus.EXPIRED

    # -- the sharer's own controls (/mine) ------------------------------------------------

    def is_offered(self, now: datetime) -> bool:
        """Still up to its sharer to change or withdraw (even with every portion claimed)."""
        return self.status is PostStatus.ACTIVE and now < self.window.end

    def ensure_changeable(self, sharer_id: int, now: datetime) -> None:
        """Only its sharer changes a dish, and only while it is still offered."""
        if sharer_id != self.sharer_id:
            raise NotAllowed("not_your_dish")
        if not self.is_offered(now):
            raise PostNotAvailable("dish_closed")

    def withdraw(self) -> None:
        self.status = PostStatus.WITHDRAWN

    def set_portions(self, count: int, maximum: int) -> None:
        """Up or down, but never below what neighbors already hold."""
        if not 1 <= count <= maximum:
            raise InvalidInput("portions_to_share", maximum=maximum)
        if count < self.portions_reserved:
            raise NotEnoughPortions("below_reserved", reserved=self.portions_reserved)
        self.portions = count

    def move_window(self, window: PickupWindow, now: datetime, horizon: timedelta) -> None:
        """Only later: a neighbor who planned for the old window can still make the new one."""
        if window.start < self.window.start or window.end < self.window.end:
            raise InvalidPickupWindow("window_only_later")
        if window.end > now + horizon:
            raise InvalidPickupWindow("window_too_far", hours=int(horizon.total_seconds() // 3600))
        self.window = window

    def relabel(self, allergens: frozenset[Allergen], diet_tags: frozenset[DietTag]) -> bool:
        """New allergens and diet tags; whether they changed (holders must then be told)."""
        changed = (allergens, diet_tags) != (self.allergens, self.diet_tags)
        self.allergens, self.diet_tags = allergens, diet_tags
        return changed

    def searchable_text(self) -> str:
        return f"{self.name} {self.description}"
