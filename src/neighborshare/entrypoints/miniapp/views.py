"""What the Mini App's API answers, as JSON: grid cells instead of places, never an apartment,
a phone number or a sharer's exact location (DESIGN section 4, Privacy)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from neighborshare.domain.posts import FoodPost
from neighborshare.domain.values import Location
from neighborshare.presentation.formatting import distance, listing, plural, rating, window
from neighborshare.presentation.keyboards import PORTIONS_OFFERED
from neighborshare.presentation.labels import named
from neighborshare.services.food import DishMap, PostCard

PHOTO_PREFIX = "posts/"  # only dish photos are served; report evidence never is


def cell(location: Location, grid_m: float) -> dict[str, float]:
    """The centre of the privacy grid's cell holding ``location``."""
    snapped = location.snapped(grid_m)
    return {"lat": snapped.latitude, "lon": snapped.longitude}


def photo_path(post: FoodPost, base: str) -> str | None:
    ref = post.photo_ref
    if ref is None or not ref.startswith(PHOTO_PREFIX):
        return None
    return f"{base}/photos/{ref}"


def dish(card: PostCard, grid_m: float, tz: ZoneInfo, now: datetime, fits: bool,
         base: str) -> dict[str, Any]:
    post = card.post
    return {
        "id": post.id,
        "name": post.name,
        "cell": cell(post.location, grid_m),
        "portions_left": post.portions_left,
        "portions_text": plural(post.portions_left, "portion"),
        "max_request": min(post.portions_left, PORTIONS_OFFERED),
        "allergens": sorted(a.value for a in post.allergens),
        "allergens_text": listing(named(a.value for a in post.allergens)),
        "diet_tags": sorted(t.value for t in post.diet_tags),
        "diet_text": listing(named(t.value for t in post.diet_tags), empty=""),
        "window": window(post.window.start, post.window.end, tz, now),
        "distance": distance(card.distance),
        "sharer": card.sharer_name,
        "rating": rating(card.sharer_rating),
        "photo": photo_path(post, base),
        "fits_diet": fits,
    }


def own_dish(post: FoodPost, grid_m: float, tz: ZoneInfo, now: datetime) -> dict[str, Any]:
    return {
        "id": post.id,
        "name": post.name,
        "cell": cell(post.location, grid_m),
        "portions_left": post.portions_left,
        "portions_text": plural(post.portions_left, "portion"),
        "window": window(post.window.start, post.window.end, tz, now),
    }


def dish_map(found: DishMap, grid_m: float, tz: ZoneInfo, now: datetime,
             base: str) -> dict[str, Any]:
    return {
        "centre": cell(found.origin, grid_m),
        "grid_m": grid_m,
        "dishes": [dish(c, grid_m, tz, now, c.post.id not in found.conflicts, base)
                   for c in found.cards],
        "own": [own_dish(p, grid_m, tz, now) for p in found.own],
    }
