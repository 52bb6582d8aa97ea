"""Steps for a dish's card posted into a group with inline mode, and how it follows the dish."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, then, when

from neighborshare.adapters.telegram.sent import SentMessage
from neighborshare.domain.records import CARD_EDIT
from neighborshare.domain.users import Role
from tests.bot.routines import share
from tests.bot.steps.telegram import post_id
from tests.bot.world import HOME, BotWorld

CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}")
PHONE_OR_COORDINATE = re.compile(r"\d{5,}|\d+[.,]\d{3,}")


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


def _moderator(bot_world: BotWorld) -> int:
    """Sam, made a moderator."""
    with bot_world.bot.container.uow_factory()() as uow:
        moderator = uow.users.get_by_telegram_id(bot_world.chat_id("sam"))
        assert moderator is not None and moderator.id is not None
        moderator.role = Role.MODERATOR
        uow.users.save(moderator)
        uow.commit()
        return moderator.id


@when(parsers.parse('a moderator hides "{dish}"'))
def moderator_hides(bot_world: BotWorld, dish: str) -> None:
    bot_world.bot.container.moderation().set_post_hidden(
        _moderator(bot_world), post_id(bot_world, dish), True, "not food")
    bot_world.loop.run_until_complete(bot_world.bot.drain())


@when(parsers.parse("a moderator suspends {name:w}"))
def moderator_suspends(bot_world: BotWorld, name: str) -> None:
    moderation, moderator = bot_world.bot.container.moderation(), _moderator(bot_world)
    moderation.suspend_user(moderator, _user_id(bot_world, name), 3, "checking reports")
    bot_world.loop.run_until_complete(bot_world.bot.drain())


@when(parsers.parse("a moderator lifts {name:w}'s suspension"))
def moderator_lifts(bot_world: BotWorld, name: str) -> None:
    moderation, moderator = bot_world.bot.container.moderation(), _moderator(bot_world)
    moderation.unsuspend_user(moderator, _user_id(bot_world, name), "reports dismissed")
    bot_world.loop.run_until_complete(bot_world.bot.drain())


def _user_id(bot_world: BotWorld, name: str) -> int:
    with bot_world.bot.container.uow_factory()() as uow:
        user = uow.users.get_by_telegram_id(bot_world.chat_id(name.lower()))
        assert user is not None and user.id is not None
        return user.id


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


def announcements(bot_world: BotWorld, group: str) -> list[SentMessage]:
    """What the bot itself sent to ``group`` about new dishes."""
    return [m for m in bot_world.api.messages(bot_world.group_id(group))
            if m.inline_message_id is None and m.sender_id is None
            and "New nearby" in m.shown]


@then(parsers.parse('the announcement in the group {group:w} says "{text}"'))
def announcement_says(bot_world: BotWorld, group: str, text: str) -> None:
    (message,) = announcements(bot_world, group)
    assert text in message.shown, message.shown


@when(parsers.parse("the announcement in the group {group:w} is deleted"))
def announcement_deleted(bot_world: BotWorld, group: str) -> None:
    (message,) = announcements(bot_world, group)
    message.deleted = True


@when(parsers.parse("the announcement in the group {group:w} is {days:d} days old"))
def announcement_aged(bot_world: BotWorld, group: str, days: int) -> None:
    (message,) = announcements(bot_world, group)
    message.date -= days * 86_400  # past the 48 hours in which a bot may delete its own


@then(parsers.parse("the bot deleted the announcement in the group {group:w}"))
def announcement_gone(bot_world: BotWorld, group: str) -> None:
    chat = bot_world.group_id(group)
    own = [m for m in bot_world.api.sent if m.chat_id == chat and m.sender_id is None
           and m.inline_message_id is None and "New nearby" in m.shown]
    assert own and all(m.deleted for m in own), [(m.shown[:40], m.deleted) for m in own]


@then(parsers.parse('nothing in the group {group:w} says "{text}"'))
def nothing_says(bot_world: BotWorld, group: str, text: str) -> None:
    shown = [m.shown for m in bot_world.api.messages(bot_world.group_id(group))]
    assert not any(text in m for m in shown), shown


@given(parsers.parse("{name:w} is an admin of the group {group:w}"))
def is_admin(bot_world: BotWorld, name: str, group: str) -> None:
    bot_world.make_admin(name.lower(), group)


@when(parsers.parse('{name:w} pins the group\'s place in the group {group:w} and replies '
                    '"{command}"'))
def links_group(bot_world: BotWorld, name: str, group: str, command: str) -> None:
    bot_world.link_group(name.lower(), group, command)


@when(parsers.parse('{name:w} shares {portions:d} portions of "{dish}"'))
def shares(bot_world: BotWorld, name: str, portions: int, dish: str) -> None:
    share(bot_world, name.lower(), dish, portions)


@then(parsers.parse("the group {group:w} is linked"))
def is_linked(bot_world: BotWorld, group: str) -> None:
    assert bot_world.bot.container.community().get(bot_world.group_id(group)) is not None


@then(parsers.parse('the group {group:w} is linked within {radius:d} m in "{language}"'))
def linked_as(bot_world: BotWorld, group: str, radius: int, language: str) -> None:
    found = bot_world.bot.container.community().get(bot_world.group_id(group))
    assert found is not None and (found.radius_m, found.language) == (radius, language)


@then(parsers.parse("the group {group:w} is not linked"))
def is_not_linked(bot_world: BotWorld, group: str) -> None:
    assert bot_world.bot.container.community().get(bot_world.group_id(group)) is None


@then(parsers.parse("the group {group:w} has {count:d} announcements"))
@then(parsers.parse("the group {group:w} has {count:d} announcement"))
def announced(bot_world: BotWorld, group: str, count: int) -> None:
    found = announcements(bot_world, group)
    assert len(found) == count, [m.shown for m in found]


@then(parsers.parse('the announcement in the group {group:w} has a Request button opening the '
                    'private chat at "{dish}"'))
def announcement_links(bot_world: BotWorld, group: str, dish: str) -> None:
    (message,) = announcements(bot_world, group)
    assert dish in message.shown
    ((button,),) = message.buttons
    assert button["url"] == f"https://t.me/NeighborShareBot?start=post_{post_id(bot_world, dish)}"


@then(parsers.parse("no card or announcement in the group {group:w} gives away {name:w}'s home, "
                    "apartment or phone"))
def nothing_private_on_cards(bot_world: BotWorld, group: str, name: str) -> None:
    name = name.lower()
    messages = bot_world.api.messages(bot_world.group_id(group))
    assert messages
    for message in messages:
        assert private_facts_in(message.shown, bot_world, name) == [], message.shown


def private_facts_in(card: str, world: BotWorld, name: str) -> list[str]:
    """What of ``name``'s apartment ("12" in onboarding), phone or home ``card`` gives away:
    any run of five digits or more (a phone's), any decimal of three places (a coordinate)."""
    lat, lon = HOME[name]
    plain = CLOCK_TIME.sub("", card)  # the pickup window's times are no apartment
    phone = world.bot.neighbors.neighbor(name).phone.lstrip("+")
    facts = ["12", "apartment", phone, phone[-4:], f"{lat:.3f}", f"{lon:.3f}"]
    found = [fact for fact in facts if fact.lower() in plain.lower()]
    return found + PHONE_OR_COORDINATE.findall(plain)


@given(parsers.parse("the group {group:w} is a basic group that {name:w} made"))
def basic_group(bot_world: BotWorld, group: str, name: str) -> None:
    bot_world.bot.neighbors.group(group, [name.lower()], chat_type="group")


@when(parsers.parse("Telegram upgrades the group {group:w} to a supergroup"))
def upgrades(bot_world: BotWorld, group: str) -> None:
    old = bot_world.bot.neighbors.group(group)
    new = bot_world.api.upgrade_group(old)
    bot_world.deliver({"message": {"message_id": bot_world.api.next_message_id(), "date": 0,
                                   "chat": old.as_chat(), "from": bot_world.api.bot_user,
                                   "migrate_to_chat_id": new.id}})


@when(parsers.parse("Telegram upgrades the group {group:w} to a supergroup without telling "
                    "the bot"))
def upgrades_silently(bot_world: BotWorld, group: str) -> None:
    bot_world.api.upgrade_group(bot_world.bot.neighbors.group(group))


@then("no group is linked")
def none_linked(bot_world: BotWorld) -> None:
    assert bot_world.bot.container.community().linked() == []


@then(parsers.parse('the command menu of group admins is "{commands}" in every language'))
def admin_menu_is(bot_world: BotWorld, commands: str) -> None:
    scope = {"type": "all_chat_administrators"}
    wanted = [c.strip().lstrip("/") for c in commands.split(",")]
    for language in ("", "de", "es", "uk"):
        menu = bot_world.api.setup.commands_for(scope, language)
        assert [c["command"] for c in menu] == wanted, (language, menu)
    german = bot_world.api.setup.commands_for(scope, "de")
    english = bot_world.api.setup.commands_for(scope, "")
    assert german[0]["description"] != english[0]["description"]
