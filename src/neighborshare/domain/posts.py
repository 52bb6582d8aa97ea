"""A food post: a dish with portions, allergens and a pickup window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from neighborshare.domain.errors import InvalidInput, NotEnoughPortions, PostNotAvailable
from neighborshare.domain.values import Allergen, DietTag, Location, PickupWindow


class PostStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    HIDDEN = "hidden"


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
        self.status = PostStatus.HIDDEN

    def unhide(self, now: datetime) -> None:
        if self.status is PostStatus.HIDDEN:
            self.status = PostStatus.ACTIVE if now < self.window.end else PostStatus.EXPIRED

    def searchable_text(self) -> str:
        return f"{self.name} {self.description}"
