"""Every presentation template, fed the longest and most awkward inputs each field allows, makes
messages Telegram accepts: HTML its parser takes, texts of 1-4096 and captions of at most 1024
UTF-16 code units after parsing, keyboards and callback data within Telegram's limits.

The awkward inputs: characters that escaping grows ('<>&"'), emoji of two UTF-16 code units,
at each field's own maximum length (names 40, apartments 20, dish names 80, moderator reasons
500), ids as large as a database's bigint, in every language the bot speaks.
"""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from neighborshare.adapters.telegram.refusals import caption, check_markup, message_text
from neighborshare.domain.credits import CreditKind, CreditTransaction
from neighborshare.domain.exchanges import ExchangeRequest, ExchangeStatus
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.ratings import RatingSummary
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import MAX_APARTMENT_LENGTH, MAX_NAME_LENGTH
from neighborshare.domain.values import Allergen, DietTag, Location, PickupWindow
from neighborshare.ports.services import Button
from neighborshare.presentation import cards, digests, keyboards, notifications, texts
from neighborshare.presentation.i18n import _, speaking
from neighborshare.services.credits import Statement
from neighborshare.services.exchanges import ExchangeView
from neighborshare.services.food import PostCard
from neighborshare.services.notifications import ANSWERABLE

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
BIGINT = 2**63 - 1
RULES = Rules()
LOCALES = Path(texts.__file__).parent / "locales"
LANGUAGES = sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES").is_dir())
REASON_LENGTH = 500  # moderation: a reason is at most 500 characters


def awkward(length: int) -> st.SearchStrategy[str]:
    """``length`` characters that grow when escaped or count twice in UTF-16."""
    worst = st.sampled_from(["&" * length, "🍲" * length, '"' * length, "<" * length])
    mixed = st.text(st.sampled_from('<>&"\'🍲a'), min_size=length, max_size=length)
    return st.one_of(worst, mixed)


names, apartments = awkward(MAX_NAME_LENGTH), awkward(MAX_APARTMENT_LENGTH)
dishes = awkward(RULES.max_food_name_length)
ids = st.sampled_from([1, BIGINT])
languages = st.sampled_from(LANGUAGES)


def food_post(name: str, post_id: int) -> FoodPost:
    window = PickupWindow(NOW + timedelta(hours=1), NOW + timedelta(hours=3))
    return FoodPost(BIGINT, name, 20, window, Location(51.5, -0.12), NOW,
                    allergens=frozenset(Allergen), diet_tags=frozenset(DietTag), id=post_id)


def accepted_text(text: str) -> None:
    message_text(text, "HTML")


def accepted_caption(text: str) -> None:
    caption(text, "HTML")


def accepted_keyboard(rows: Any) -> None:
    for row in rows:
        for button in row:
            assert isinstance(button, Button) and button.label.strip(), button
    check_markup({"inline_keyboard": [[{"text": b.label, "callback_data": b.data} for b in row]
                                      for row in rows]})


@settings(max_examples=40, deadline=None)
@given(languages, dishes, names, apartments, ids, st.sampled_from(list(ExchangeStatus)))
def test_cards_fit_a_message_and_a_caption(language: str, dish: str, name: str, apartment: str,
                                           post_id: int, status: ExchangeStatus) -> None:
    post = food_post(dish, post_id)
    card = PostCard(post, 99_000, name, RatingSummary(BIGINT, 4.96))
    exchange = ExchangeRequest(post_id, BIGINT, BIGINT - 1, 20, NOW, status, id=BIGINT)
    view = ExchangeView(exchange, post, name, apartment)
    with speaking(language):
        accepted_caption(cards.post_card(card, TZ, NOW))  # a card with a photo is a caption
        accepted_text(cards.dish_lines(post, TZ, NOW))
        accepted_text(cards.my_post_line(post, TZ, NOW))
        for viewer in (exchange.requester_id, exchange.sharer_id):
            accepted_text(cards.exchange_text(view, viewer, TZ, NOW))
            accepted_keyboard(keyboards.exchange_actions(view, viewer, NOW))
        accepted_keyboard(keyboards.card_buttons(post_id))


@settings(max_examples=20, deadline=None)
@given(languages, awkward(REASON_LENGTH), st.sampled_from(list(CreditKind)))
def test_a_statement_of_the_last_ten_movements_fits_a_message(
    language: str, reason: str, kind: CreditKind
) -> None:
    recent = tuple(CreditTransaction(BIGINT, -BIGINT, kind, f"k{n}", NOW, description=reason)
                   for n in range(10))
    with speaking(language):
        accepted_text(cards.statement(Statement(BIGINT, recent), TZ, NOW))


NOTIFICATION_KEYS = sorted(set(re.findall(r"""p(?:\[|\.get\()["'](\w+)["']""",
                                          Path(notifications.__file__).read_text())))


def payload(name: str, dish: str, apartment: str, reason: str, role: str) -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(NOTIFICATION_KEYS, name)
    values.update(
        name=dish, apartment=apartment, reason=reason, role=role,
        window_start=(NOW + timedelta(hours=1)).isoformat(),
        window_end=(NOW + timedelta(hours=3)).isoformat(),
        allergens=[a.value for a in Allergen], distance=99_000,
        photo_file_id="F" * 100,
    )
    for key in NOTIFICATION_KEYS:
        if key.endswith("_id") or key in ("portions", "portions_left", "days", "amount"):
            values[key] = BIGINT
    return values


@settings(max_examples=40, deadline=None)
@given(languages, names, dishes, apartments, awkward(REASON_LENGTH),
       st.sampled_from(["sharer", "requester", "moderator", "neighbor"]))
def test_every_notification_fits_a_message_or_a_caption(
    language: str, name: str, dish: str, apartment: str, reason: str, role: str
) -> None:
    p = payload(name, dish, apartment, reason, role)
    with speaking(language):
        for kind, template in notifications.TEMPLATES.items():
            if kind == notifications.BUTTONS_WITHDRAWN:
                continue  # below, once for every message whose buttons it takes back
            text, buttons = template(p, TZ)
            (accepted_caption if kind == "new_post" else accepted_text)(text)
            accepted_keyboard(buttons)
        withdrawn = notifications.TEMPLATES[notifications.BUTTONS_WITHDRAWN]
        for answered in ANSWERABLE:
            for status in notifications.ANSWERED:
                text, buttons = withdrawn(p | {"answered": answered, "status": status}, TZ)
                accepted_text(text)
                assert buttons == ()


@settings(max_examples=30, deadline=None)
@given(languages, dishes)
def test_digests_fit_a_message(language: str, dish: str) -> None:
    post = {"name": dish, "distance": 99_000, "portions_left": 20, "post_id": BIGINT,
            "window_start": (NOW + timedelta(hours=1)).isoformat(),
            "window_end": (NOW + timedelta(hours=3)).isoformat()}
    numbers = {"portions_shared": BIGINT, "exchanges": BIGINT, "neighbors_helped": BIGINT,
               "portions_received": BIGINT, "credits_earned": BIGINT}
    with speaking(language):
        text, buttons = digests.daily({"posts": [post] * RULES.digest_max_posts}, TZ)
        accepted_text(text)
        accepted_keyboard(buttons)
        text, buttons = digests.weekly({"me": numbers, "community": numbers,
                                        "balance": BIGINT}, TZ)
        accepted_text(text)
        accepted_keyboard(buttons)


PREFIXES = ["ob:diet:t", "ob:alg:t", "sh:diet:t", "sh:alg:t", "rt:f", "rt:i", "sh:n"]


@settings(max_examples=20, deadline=None)
@given(languages, st.sampled_from(PREFIXES), st.integers(0, 23), ids)
def test_every_keyboard_fits(language: str, prefix: str, hour: int, page: int) -> None:
    local_now = NOW.astimezone(TZ).replace(hour=hour)
    with speaking(language):
        for rows in (keyboards.diet_checklist(prefix, [d.value for d in DietTag]),
                     keyboards.allergen_checklist(prefix, [a.value for a in Allergen]),
                     keyboards.allergen_checklist(prefix, []), keyboards.skip(prefix),
                     keyboards.portions(prefix, 20), keyboards.pickup_presets(local_now),
                     keyboards.preview(), keyboards.stars(prefix),
                     keyboards.report_categories(),
                     keyboards.browse_nav(page, True, True, True),
                     keyboards.browse_nav(page, True, False, True)):
            accepted_keyboard(rows)


def test_every_fixed_text_is_a_message_telegram_accepts() -> None:
    fixed = [v for k, v in vars(texts).items()
             if k.isupper() and (isinstance(v, str) or type(v).__name__ == "LazyProxy")]
    fixed += list(texts.SHARE_HINTS.values())
    assert len(fixed) > 30
    for language in LANGUAGES:
        with speaking(language):
            for lazy in fixed:
                text = _(str(lazy))
                fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
                accepted_text(text.format(**dict.fromkeys(fields, BIGINT)))
