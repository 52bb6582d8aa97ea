"""Translators from the gettext catalogs in presentation/locales, and the one a message uses.

The catalogs are compiled by the build (setup.py) into ``messages.mo`` beside each
``messages.po``; a checkout (``pip install -e .``) has no ``.mo`` files, so a catalog is then
compiled in memory from its ``.po`` file the first time its language is needed.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy, NullTranslations, Translations

SOURCE_LANGUAGE = "en"
SHIPPED = ("en", "de", "es", "uk")
LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"


@dataclass(frozen=True)
class Translator:
    """One language's catalog and its Babel locale (for dates, numbers and plural rules)."""

    language: str
    translations: NullTranslations

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.language)

    def gettext(self, message: str) -> str:
        return self.translations.ugettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ungettext(singular, plural, count)


def subtag(language: str | None) -> str | None:
    """The primary subtag of a tag like "de-AT" or "uk_UA" ("de", "uk"), shipped or not."""
    if not language:
        return None
    return language.replace("_", "-").split("-", 1)[0].lower()


def primary(language: str | None) -> str | None:
    """The shipped language a tag like "de-AT" or "uk_UA" stands for, if any."""
    found = subtag(language)
    return found if found in SHIPPED else None


def choose(*preferences: str | None) -> str:
    """The first preference that is a shipped language, else English."""
    for language in preferences:
        found = primary(language)
        if found is not None:
            return found
    return SOURCE_LANGUAGE


@functools.cache
def translator(language: str) -> Translator:
    """The translator for ``language`` (English for anything not shipped); loaded once."""
    chosen = choose(language)
    return Translator(chosen, _load(chosen))


def catalog_path(language: str, suffix: str = ".po") -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def _load(language: str) -> NullTranslations:
    po, mo = catalog_path(language), catalog_path(language, ".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as compiled:
            return Translations(compiled, domain=DOMAIN)
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


_current: ContextVar[Translator | None] = ContextVar("neighborshare_translator", default=None)


def current() -> Translator:
    """The translator of the neighbor being answered (English outside any ``speaking``)."""
    return _current.get() or translator(SOURCE_LANGUAGE)


@contextmanager
def speaking(language: str) -> Iterator[Translator]:
    """Render everything inside in ``language``."""
    token = _current.set(translator(language))
    try:
        yield current()
    finally:
        _current.reset(token)


def use(language: str) -> None:
    """Switch the rest of the enclosing ``speaking`` block to ``language`` (once the
    neighbor's own choice has been read)."""
    _current.set(translator(language))


def _(message: str) -> str:
    """``message`` in the current neighbor's language."""
    return current().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The plural form of the current language that fits ``count`` (Ukrainian has three)."""
    return current().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """A module-level text, translated each time it is used (in the language of that moment)."""
    return cast(str, LazyProxy(_, message, enable_cache=False))
