"""Inline mode: "@Bot" offers a neighbor's own open dishes, "@Bot words" open dishes nearby."""

from __future__ import annotations

import re

from tests.bot.routines import onboard, share
from tests.bot.world import HOME, BotWorld

CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}")


def private_facts_in(card: str, world: BotWorld, name: str) -> list[str]:
    """What of ``name``'s apartment ("12" in onboard), phone or home a card gives away."""
    lat, lon = HOME[name]
    plain = CLOCK_TIME.sub("", card)  # the pickup window's times are no apartment
    phone = world.bot.neighbors.neighbor(name).phone.lstrip("+")
    facts = ["12", "apartment", phone, phone[-4:], f"{lat:.3f}", f"{lon:.3f}"]
    return [fact for fact in facts if fact.lower() in plain.lower()]


def texts(results: list[dict[str, object]]) -> list[str]:
    return [str(r.get("caption") or (r.get("input_message_content") or {}).get("message_text"))
            for r in results]  # type: ignore[union-attr]


def test_at_the_bot_offers_the_neighbors_own_open_dishes_with_a_request_link(
    bot_world: BotWorld,
) -> None:
    onboard(bot_world, "priya")
    onboard(bot_world, "tom")
    share(bot_world, "priya", "Dal", 3, ("Mustard",))
    share(bot_world, "tom", "Soup", 2)
    results = bot_world.inline("priya")
    assert [r["title"] for r in results] == ["Dal"]
    (card,) = texts(results)
    assert "<b>Dal</b>" in card and "3 portions left" in card and "mustard" in card.lower()
    button = results[0]["reply_markup"]["inline_keyboard"][0][0]  # type: ignore[index]
    post_id = str(results[0]["id"]).removeprefix("post_")
    assert button["url"] == f"https://t.me/NeighborShareBot?start=post_{post_id}"
    assert private_facts_in(card, bot_world, "priya") == []


def test_words_after_the_bot_find_open_dishes_nearby_by_name(bot_world: BotWorld) -> None:
    onboard(bot_world, "priya")
    onboard(bot_world, "tom")
    share(bot_world, "priya", "Red lentil dal", 3)
    share(bot_world, "priya", "Bread", 1)
    assert [r["title"] for r in bot_world.inline("tom", "LENTIL")] == ["Red lentil dal"]
    assert bot_world.inline("tom", "lentil soup") == []
    assert bot_world.inline("tom") == []  # none of his own


def test_someone_not_registered_gets_no_results(bot_world: BotWorld) -> None:
    onboard(bot_world, "priya")
    share(bot_world, "priya", "Dal", 3)
    assert bot_world.inline("sam", "dal") == []
    assert bot_world.api.unknown == []


def test_a_chosen_card_is_remembered_once_by_its_inline_message_id(bot_world: BotWorld) -> None:
    onboard(bot_world, "priya")
    share(bot_world, "priya", "Dal", 3)
    (result,) = bot_world.inline("priya")
    bot_world.choose_inline("priya", str(result["id"]), "AAAA-card-1")
    bot_world.choose_inline("priya", str(result["id"]), "AAAA-card-1")  # redelivered
    bot_world.choose_inline("priya", "something_else", "AAAA-card-2")  # not ours: ignored
    post_id = int(str(result["id"]).removeprefix("post_"))
    uow = bot_world.bot.container.uow_factory()()
    with uow:
        assert [card.inline_message_id for card in uow.cards.of_post(post_id)] == ["AAAA-card-1"]
