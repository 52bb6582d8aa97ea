"""Allergens and diet tags as bit masks, so that filters run in SQL on either dialect.

The bit of each value is fixed here forever: append new values, never reorder.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from neighborshare.domain.values import Allergen, DietTag

ALLERGEN_BITS = {
    allergen: 1 << bit
    for bit, allergen in enumerate(
        (
            Allergen.GLUTEN,
            Allergen.CRUSTACEANS,
            Allergen.EGGS,
            Allergen.FISH,
            Allergen.PEANUTS,
            Allergen.SOY,
            Allergen.MILK,
            Allergen.TREE_NUTS,
            Allergen.CELERY,
            Allergen.MUSTARD,
            Allergen.SESAME,
            Allergen.SULPHITES,
            Allergen.LUPIN,
            Allergen.MOLLUSCS,
        )
    )
}

DIET_BITS = {
    tag: 1 << bit
    for bit, tag in enumerate((DietTag.VEGETARIAN, DietTag.VEGAN, DietTag.HALAL, DietTag.KOSHER))
}


def allergen_mask(allergens: Iterable[Allergen]) -> int:
    return sum(ALLERGEN_BITS[a] for a in set(allergens))


def diet_mask(tags: Iterable[DietTag]) -> int:
    return sum(DIET_BITS[t] for t in set(tags))


@cache  # a few thousand masks at most; the sets are immutable, so every row can share one
def allergens_of(mask: int) -> frozenset[Allergen]:
    return frozenset(a for a, bit in ALLERGEN_BITS.items() if mask & bit)


@cache
def diet_tags_of(mask: int) -> frozenset[DietTag]:
    return frozenset(t for t, bit in DIET_BITS.items() if mask & bit)
