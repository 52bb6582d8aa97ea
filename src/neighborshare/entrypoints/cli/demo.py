"""A believable demo neighborhood, built day by day through the real services."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from neighborshare.domain.errors import NeighborShareError
from neighborshare.domain.reports import ReportCategory
from neighborshare.domain.values import Allergen, DietTag, Location, PhoneHash, PickupWindow
from neighborshare.services.food import Dish
from neighborshare.services.reporting import ReportForm
from neighborshare.services.users import Registration

DEMO_TELEGRAM_BASE = 990_000_000  # far from real ids handed out to people trying the bot
NAMES = (
    "Priya Shah", "Tom Walker", "Amara Okafor", "Jonas Berg", "Mei Lin", "Sofia Russo",
    "Kwame Mensah", "Hannah Cohen", "Luis García", "Aisha Rahman", "Olek Nowak", "Grace Kim",
    "Farid Haddad", "Niamh Byrne", "Ravi Patel", "Elena Popescu", "Yusuf Demir", "Chloe Martin",
    "Tariq Aziz", "Ingrid Olsen", "Dev Mehta", "Rosa Silva", "Sam Taylor", "Leila Nasser",
)  # fmt: skip
DISHES: tuple[tuple[str, set[Allergen], set[DietTag]], ...] = (
    ("Dal tadka with rice", {Allergen.MUSTARD}, {DietTag.VEGAN}),
    ("Lasagne", {Allergen.GLUTEN, Allergen.MILK, Allergen.EGGS}, set()),
    ("Jollof rice", set(), {DietTag.VEGAN, DietTag.HALAL}),
    ("Chicken soup", {Allergen.CELERY}, {DietTag.HALAL}),
    ("Banana bread", {Allergen.GLUTEN, Allergen.EGGS, Allergen.TREE_NUTS}, {DietTag.VEGETARIAN}),
    ("Vegetable curry", set(), {DietTag.VEGAN}),
    ("Shakshuka", {Allergen.EGGS}, {DietTag.VEGETARIAN}),
    ("Sushi rolls", {Allergen.FISH, Allergen.SOY, Allergen.SESAME}, set()),
    ("Pierogi", {Allergen.GLUTEN, Allergen.MILK}, {DietTag.VEGETARIAN}),
    ("Falafel wraps", {Allergen.GLUTEN, Allergen.SESAME}, {DietTag.VEGAN}),
)
REPORTS = (
    (ReportCategory.NO_SHOW, "Waited 30 minutes at the door, nobody came."),
    (ReportCategory.FOOD_SAFETY, "The container smelled off and the rice was not cold."),
    (ReportCategory.HARASSMENT, "Kept messaging me after the pickup."),
    (ReportCategory.FAKE_LISTING, "There was no food when I arrived."),
)


class RewoundClock:
    """The real clock moved back while the demo's past is written."""

    def __init__(self, base: Any) -> None:
        self._base = base
        self.offset = timedelta()

    def now(self) -> datetime:
        return self._base.now() - self.offset  # type: ignore[no-any-return]


@dataclass
class Tally:
    neighbors: int = 0
    posts: int = 0
    exchanges: int = 0
    ratings: int = 0
    reports: int = 0
    moderator: int | None = None
    people: list[int] = field(default_factory=list)


def attempt(action: Any, *args: Any) -> Any:
    """Run one step of a neighbor's day; a refusal (no credits, too late) just skips it."""
    try:
        return action(*args)
    except NeighborShareError:
        return None


def registrations(
    count: int, centre: Location, rng: random.Random, hash_phone: Callable[[str], PhoneHash]
) -> Iterator[Registration]:
    for i in range(count):
        lat = centre.latitude + rng.uniform(-0.004, 0.004)
        lon = centre.longitude + rng.uniform(-0.006, 0.006)
        diet = frozenset(rng.sample(sorted(DietTag), k=rng.choice((0, 0, 0, 1))))
        allergies = frozenset(rng.sample(sorted(Allergen), k=rng.choice((0, 0, 1))))
        yield Registration(
            telegram_id=DEMO_TELEGRAM_BASE + i,
            preferred_name=NAMES[i % len(NAMES)],
            # Ofcom's range for TV drama: never a real subscriber's number.
            phone=hash_phone(f"+447700900{i:03d}"),
            apartment=f"{rng.randint(1, 12)}{rng.choice('ABCD')}",
            location=Location(lat, lon),
            diet_restrictions=diet,
            allergies=allergies,
        )


def dish(now: datetime, rng: random.Random) -> Dish:
    name, allergens, tags = rng.choice(DISHES)
    start = now + timedelta(minutes=rng.choice((30, 60, 90)))
    window = PickupWindow(start, start + timedelta(hours=rng.choice((2, 3, 4))))
    return Dish(name, rng.randint(2, 6), window, frozenset(allergens), frozenset(tags))


def report_form(exchange_id: int, rng: random.Random) -> ReportForm:
    category, text = rng.choice(REPORTS)
    return ReportForm(category, text, exchange_id=exchange_id)
