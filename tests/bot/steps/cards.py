"""Steps for a dish's card posted into a group with inline mode, and how it follows the dish."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from neighborshare.adapters.telegram.sent import SentMessage
from neighborshare.domain.records import CARD_EDIT
from neighborshare.domain.users import Role
from tests.bot.steps.telegram import post_id
from tests.bot.world import BotWorld


def the_card(bot_world: BotWorld, group: str) -> SentMessage:
    """The one card (a message sent via the bot, kept by inline_message_id) in ``group``."""
    cards = [m for m in bot_world.api.messages(bot_world.group_id(group))
             if m.inline_message_id is not None]
    assert len(cards) == 1, f"{len(cards)} cards in {group}"
    return cards[0]


@given(parsers.parse('{name:w} posted the card of "{dish}" into the group {group:w}'))
@when(parsers.parse('{name:w} posts the card of "{dish}" into the group {group:w}'))
def posts_card(bot_world: BotWorld, name: str, dish: str, group: str) -> None:
    card = bot_world.post_card(name.lower(), group, "" if name.lower() == "priya" else dish)
    assert dish in card.shown


@given(parsers.parse("{name:w} declined"))
def declined(bot_world: BotWorld, name: str) -> None:
    bot_world.tap(name.lower(), "Decline")


@when(parsers.parse('a moderator hides "{dish}"'))
def moderator_hides(bot_world: BotWorld, dish: str) -> None:
    container = bot_world.bot.container
    with container.uow_factory()() as uow:
        moderator = uow.users.get_by_telegram_id(bot_world.chat_id("sam"))
        assert moderator is not None and moderator.id is not None
        moderator.role = Role.MODERATOR
        uow.users.save(moderator)
        uow.commit()
    container.moderation().set_post_hidden(moderator.id, post_id(bot_world, dish), True,
                                           "not food")
    bot_world.loop.run_until_complete(bot_world.bot.drain())


@when(parsers.parse("the card in the group {group:w} is deleted"))
def card_deleted(bot_world: BotWorld, group: str) -> None:
    the_card(bot_world, group).deleted = True


@then(parsers.parse('the card in the group {group:w} says "{text}"'))
def card_says(bot_world: BotWorld, group: str, text: str) -> None:
    shown = the_card(bot_world, group).shown
    assert text in shown, shown


@then(parsers.parse('the card in the group {group:w} does not say "{text}"'))
def card_does_not_say(bot_world: BotWorld, group: str, text: str) -> None:
    shown = the_card(bot_world, group).shown
    assert text not in shown, shown


@then(parsers.parse("the card in the group {group:w} has a Request button"))
def card_has_request(bot_world: BotWorld, group: str) -> None:
    card = the_card(bot_world, group)
    assert card.labels == [["🙋 Request"]]
    assert card.buttons[0][0]["url"].startswith("https://t.me/NeighborShareBot?start=post_")


@then(parsers.parse("the card in the group {group:w} has no button"))
def card_has_no_button(bot_world: BotWorld, group: str) -> None:
    assert the_card(bot_world, group).buttons == []


@then(parsers.parse('the bot keeps no card of "{dish}"'))
def keeps_no_card(bot_world: BotWorld, dish: str) -> None:
    with bot_world.bot.container.uow_factory()() as uow:
        assert uow.cards.of_post(post_id(bot_world, dish)) == []


@then(parsers.parse('every edit of the cards of {name:w}\'s dishes was sent or let go'))
def card_edits_done(bot_world: BotWorld, name: str) -> None:
    with bot_world.bot.container.uow_factory()() as uow:
        sharer = uow.users.get_by_telegram_id(bot_world.chat_id(name.lower()))
        assert sharer is not None and sharer.id is not None
        edits = [m for m in uow.outbox.sent_to(sharer.id) if m.kind == CARD_EDIT]
    assert edits
    assert all(m.sent_at is not None and m.refusals == 0 and m.failed_at is None
               for m in edits), edits
