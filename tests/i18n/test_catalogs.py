"""The shipped gettext catalogs hold every text the code asks for, translated with the same
placeholders and markup as the English source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from neighborshare.presentation.i18n import SHIPPED, SOURCE_LANGUAGE, catalog_path

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
_PLACEHOLDER = re.compile(r"{(\w*)[^{}]*}")
_TAG = re.compile(r"</?\w+>")


def extracted() -> set[str]:
    """The message ids the code uses now, read by Babel as `scripts/catalogs` reads them."""
    ids: set[str] = set()
    with (ROOT / "babel.cfg").open() as config:
        from babel.messages.frontend import parse_mapping_cfg

        method_map, options_map = parse_mapping_cfg(config)
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def catalog(language: str) -> Catalog:
    with catalog_path(language).open("rb") as source:
        return read_po(source, locale=language)


def translations(message: Message) -> list[str]:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return [s for s in strings if s]


def sources(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def shape(text: str) -> tuple[list[str], list[str]]:
    return sorted(_PLACEHOLDER.findall(text)), sorted(_TAG.findall(text))


@pytest.fixture(scope="module")
def used() -> set[str]:
    return extracted()


@pytest.mark.parametrize("language", SHIPPED)
def test_every_message_the_code_uses_is_in_the_catalog(language: str, used: set[str]) -> None:
    known = {sources(m)[0] for m in catalog(language) if m.id}
    missing = sorted(used - known)
    assert not missing, f"{language}: run scripts/catalogs; missing {missing[:5]}"


@pytest.mark.parametrize("language", SHIPPED)
def test_translations_keep_the_placeholders_and_markup(language: str) -> None:
    wrong = []
    for message in catalog(language):
        if not message.id:
            continue
        expected = shape(sources(message)[-1])
        for text in translations(message):
            found = shape(text)
            # a singular form may leave out {count} ("one portion"), nothing else may differ
            if found != expected and not _count_left_out(found, expected, message):
                wrong.append((sources(message)[0][:50], text[:50]))
    assert not wrong, f"{language}: placeholders or tags differ: {wrong[:5]}"


def _count_left_out(found: tuple[list[str], list[str]], expected: tuple[list[str], list[str]],
                    message: Message) -> bool:
    names = [n for n in expected[0] if n != "count"]
    return message.pluralizable and found == (names, expected[1])


def test_a_plural_text_has_every_form_of_its_language() -> None:
    assert len(catalog("uk").plural_forms and catalog("uk").plural_forms.split(";")) >= 2
    assert catalog("uk").num_plurals == 3
    assert catalog("de").num_plurals == 2


def test_the_source_language_is_english() -> None:
    assert SOURCE_LANGUAGE == "en"
    assert set(SHIPPED) == {"en", "de", "es", "uk"}


@pytest.mark.parametrize("language", [lang for lang in SHIPPED if lang != SOURCE_LANGUAGE])
def test_every_shipped_translation_is_complete_and_reviewed(language: str) -> None:
    """No empty or fuzzy message: a neighbor never meets English in the middle of German."""
    cat = catalog(language)
    untranslated = [sources(m)[0][:50] for m in cat if m.id and (
        m.fuzzy or len(translations(m)) < (cat.num_plurals if m.pluralizable else 1))]
    assert not untranslated, f"{language}: translate {untranslated[:5]}"
