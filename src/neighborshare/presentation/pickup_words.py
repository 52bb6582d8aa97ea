"""The words each language uses for a typed pickup window, for domain.pickup.parse_window.

English is always understood too ("18:00-19:30" reads the same everywhere).
"""

from __future__ import annotations

from neighborshare.domain.pickup import ENGLISH, PickupWords

GERMAN = PickupWords(
    days={"heute": 0, "heute abend": 0, "abends": 0, "heute morgen": 0, "heute mittag": 0,
          "morgen": 1, "morgen abend": 1, "morgen mittag": 1, "übermorgen": 2},
    evening=frozenset({"heute abend", "abends", "morgen abend"}),
    now=frozenset({"jetzt", "sofort"}),
    until=frozenset({"bis"}),
    filler=frozenset({"uhr", "von", "ab", "um", "zwischen", "und"}),
)

SPANISH = PickupWords(
    days={"hoy": 0, "esta noche": 0, "esta tarde": 0, "mañana": 1, "manana": 1,
          "mañana por la noche": 1, "mañana por la tarde": 1, "pasado mañana": 2},
    evening=frozenset({"esta noche", "esta tarde", "mañana por la noche",
                       "mañana por la tarde"}),
    now=frozenset({"ahora", "ya"}),
    until=frozenset({"a", "hasta"}),
    filler=frozenset({"h", "hs", "hrs", "de", "desde", "las", "la", "entre", "y"}),
)

UKRAINIAN = PickupWords(
    days={"сьогодні": 0, "сьогодні ввечері": 0, "ввечері": 0, "увечері": 0,
          "завтра": 1, "завтра ввечері": 1, "післязавтра": 2},
    evening=frozenset({"сьогодні ввечері", "ввечері", "увечері", "завтра ввечері"}),
    now=frozenset({"зараз", "вже"}),
    until=frozenset({"до", "по"}),
    filler=frozenset({"год", "год.", "година", "години", "з", "із", "від", "о", "об"}),
)

_BY_LANGUAGE = {"de": GERMAN, "es": SPANISH, "uk": UKRAINIAN}


def pickup_words(language: str) -> PickupWords:
    """The language's words, with English understood as well."""
    own = _BY_LANGUAGE.get(language)
    return ENGLISH if own is None else own | ENGLISH
