"""How the domain's named values read to a neighbor: allergens, diets, statuses, categories."""

from __future__ import annotations

from collections.abc import Iterable

from neighborshare.domain.credits import CreditKind
from neighborshare.domain.posts import PostStatus
from neighborshare.domain.reports import ReportCategory
from neighborshare.domain.values import Allergen, DietTag
from neighborshare.presentation.i18n import N_

ALLERGENS = {
    Allergen.GLUTEN: N_("gluten"),
    Allergen.CRUSTACEANS: N_("crustaceans"),
    Allergen.EGGS: N_("eggs"),
    Allergen.FISH: N_("fish"),
    Allergen.PEANUTS: N_("peanuts"),
    Allergen.SOY: N_("soy"),
    Allergen.MILK: N_("milk"),
    Allergen.TREE_NUTS: N_("tree nuts"),
    Allergen.CELERY: N_("celery"),
    Allergen.MUSTARD: N_("mustard"),
    Allergen.SESAME: N_("sesame"),
    Allergen.SULPHITES: N_("sulphites"),
    Allergen.LUPIN: N_("lupin"),
    Allergen.MOLLUSCS: N_("molluscs"),
}

DIETS = {
    DietTag.VEGETARIAN: N_("vegetarian"),
    DietTag.VEGAN: N_("vegan"),
    DietTag.HALAL: N_("halal"),
    DietTag.KOSHER: N_("kosher"),
}

CATEGORIES = {
    ReportCategory.FOOD_SAFETY: N_("Food safety"),
    ReportCategory.NO_SHOW: N_("No-show"),
    ReportCategory.HARASSMENT: N_("Harassment"),
    ReportCategory.INAPPROPRIATE: N_("Inappropriate content"),
    ReportCategory.SPAM: N_("Spam"),
    ReportCategory.FAKE_LISTING: N_("Fake listing"),
    ReportCategory.OTHER: N_("Other"),
}

CREDIT_KINDS = {
    CreditKind.WELCOME_BONUS: N_("Welcome bonus"),
    CreditKind.REQUEST_HOLD: N_("Held for a request"),
    CreditKind.HOLD_RELEASE: N_("Hold returned"),
    CreditKind.PORTION_REWARD: N_("Thanks for sharing"),
    CreditKind.FIVE_STAR_BONUS: N_("5-star food bonus"),
    CreditKind.ADJUSTMENT: N_("Adjusted by a moderator"),
}

POST_STATUSES = {
    PostStatus.ACTIVE: N_("active"),
    PostStatus.EXPIRED: N_("expired"),
    PostStatus.HIDDEN: N_("hidden"),
    PostStatus.WITHDRAWN: N_("withdrawn"),
}


def named(values: Iterable[str]) -> list[str]:
    """Allergen or diet values ("tree nuts", "vegan") in the current language."""
    return [str(_BY_VALUE.get(v, v)) for v in values]


_BY_VALUE: dict[str, str] = {a.value: label for a, label in ALLERGENS.items()} | {
    t.value: label for t, label in DIETS.items()
}
