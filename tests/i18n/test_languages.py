"""Which language a neighbor reads, and how counts, times and refusals read in it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from neighborshare.domain.errors import NotEnoughCredits, TooManyOpenRequests
from neighborshare.domain.records import OutboxMessage
from neighborshare.domain.users import User
from neighborshare.domain.values import Location, PhoneHash
from neighborshare.presentation.formatting import day_and_time, distance, plural, when
from neighborshare.presentation.i18n import choose, current, speaking, translator
from neighborshare.presentation.notifications import NotificationRenderer
from neighborshare.presentation.refusals import explain

NOON = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
NEIGHBOR = User(1, "Oksana", PhoneHash("d", "01"), "14", Location(51.5, -0.12), NOON, id=7)


@pytest.mark.parametrize(
    ("preferences", "chosen"),
    [
        (("uk", "de", "es"), "uk"),  # their own choice first
        ((None, "de-AT", "es"), "de"),  # then Telegram's language_code, primary subtag
        ((None, "pt-BR", "es"), "es"),  # a language we don't ship: the community default
        ((None, None, "fr"), "en"),  # and English last
        ((None, "UK_ua", None), "uk"),
    ],
)
def test_the_language_order(preferences, chosen):
    assert choose(*preferences) == chosen


def test_a_language_outside_the_shipped_ones_reads_english():
    assert translator("pt").language == "en"


@pytest.mark.parametrize(
    ("count", "text"),
    [(1, "1 порція"), (2, "2 порції"), (4, "4 порції"), (5, "5 порцій"), (11, "11 порцій"),
     (21, "21 порція"), (22, "22 порції"), (1000, "1 000 порцій")],
)
def test_ukrainian_has_three_plural_forms(count, text):
    with speaking("uk"):
        assert plural(count, "portion").replace("\xa0", " ") == text


def test_counts_dates_and_distances_follow_the_locale():
    moment = datetime(2026, 12, 5, 18, 30, tzinfo=UTC)  # a Saturday
    with speaking("de"):
        assert plural(2, "credit") == "2 Punkte"
        assert distance(1500) == "~1,5 km"
        assert day_and_time(moment) == "5. Dez., 18:30"
        assert when(moment, UTC) == "Sa. 18:30"
        assert when(moment, UTC, NOON) == "Sa. 18:30"
        assert when(datetime(2026, 12, 4, 9, 0, tzinfo=UTC), UTC, NOON) == "morgen 09:00"
    with speaking("es"):
        assert when(moment, UTC) == "sáb 18:30"
    assert distance(1500) == "~1.5 km"
    assert when(moment, UTC) == "Sat 18:30"


def test_a_refusal_reads_in_the_current_language_with_its_values():
    error = NotEnoughCredits("request_costs", cost=3, balance=1)
    assert explain(error) == "That needs 3 credits and you have 1. Share a dish to earn more!"
    with speaking("uk"):
        assert explain(error).startswith("Це коштує 3 кредити, а у вас 1.")
    with speaking("es"):
        assert explain(TooManyOpenRequests(limit=3)).startswith("Ya tienes 3 solicitudes")


def test_an_unknown_code_falls_back_to_its_class():
    assert explain(NotEnoughCredits("something_new")) == "You don't have enough credits for that."


def test_speaking_restores_the_language_before():
    with speaking("de"):
        with speaking("uk"):
            assert current().language == "uk"
        assert current().language == "de"
    assert current().language == "en"


@pytest.mark.parametrize(
    ("language", "telegram", "default", "expected"),
    [
        ("es", "de", "en", "🙋 Tom ha pedido 2 porciones de <b>dal</b>."),
        (None, "de", "en", "🙋 Tom fragt nach 2 Portionen <b>dal</b>."),
        (None, None, "uk", "🙋 Tom просить: 2 порції <b>dal</b>."),
        (None, None, "en", "🙋 Tom asked for 2 portions of <b>dal</b>."),
    ],
)
def test_a_notification_follows_the_recipient(language, telegram, default, expected):
    recipient = replace(NEIGHBOR, language=language, telegram_language=telegram)
    message = OutboxMessage(7, "request_received",
                            {"requester_name": "Tom", "portions": 2, "name": "dal",
                             "exchange_id": 3}, "k", NOON, NOON)
    rendered = NotificationRenderer("Europe/London", default_language=default)(
        message, recipient)
    assert rendered is not None
    assert rendered.html == expected
