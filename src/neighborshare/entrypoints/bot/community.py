"""Community groups: an admin links a group to a place (/linkgroup, as a reply to a location
pin they sent) or unlinks it (/unlinkgroup). Whether they are an admin, Telegram says
(getChatMember), for every command.

With privacy mode on (Telegram's default for bots) the bot sees a group's commands, with the
message they reply to, but not the group's other messages: so the pin is the message
/linkgroup replies to, and the whole link is one update.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Bot, Message

from neighborshare.domain.errors import InvalidInput, OutsideServiceArea
from neighborshare.domain.values import Location
from neighborshare.entrypoints.bot.deps import BotDeps
from neighborshare.entrypoints.bot.loops import at_home
from neighborshare.entrypoints.bot.outgoing import ApiCall, send
from neighborshare.presentation import group_texts, i18n
from neighborshare.presentation.formatting import number
from neighborshare.services.community import GroupLink

log = logging.getLogger("neighborshare.bot")

COMMANDS = frozenset({"linkgroup", "unlinkgroup"})
ADMINS = ("creator", "administrator")


async def on_command(message: Message, command: str, bot: Bot, deps: BotDeps) -> None:
    """/linkgroup or /unlinkgroup in a group, in the group's language (the new one once
    linked)."""
    chat_id = message.chat.id
    group = await deps.run(deps.community.get, chat_id)
    language = group.language if group is not None else deps.rules.default_language
    with i18n.speaking(language):
        refusal = await _refusal(message, bot)
        if refusal is not None:
            await _say(bot, chat_id, refusal)
        elif command == "unlinkgroup":
            unlinked = await deps.run(deps.community.unlink, chat_id)
            await _say(bot, chat_id, group_texts.UNLINKED if unlinked else group_texts.NOT_LINKED)
        else:
            await _link(message, bot, deps)


async def _refusal(message: Message, bot: Bot) -> Any:
    """Why this sender may not link or unlink the group, or None: they are its admin."""
    if message.sender_chat is not None or message.from_user is None:
        return group_texts.ANONYMOUS  # an anonymous admin posts as the group itself
    params = {"chat_id": message.chat.id, "user_id": message.from_user.id}
    member = await at_home(ApiCall(bot, "getChatMember", params))
    return None if member.get("status") in ADMINS else group_texts.ADMINS_ONLY


async def _link(message: Message, bot: Bot, deps: BotDeps) -> None:
    chat_id, rules = message.chat.id, deps.rules
    pin = message.reply_to_message
    if pin is None or pin.location is None:
        await _say(bot, chat_id, how_to_link(deps))
        return
    if pin.from_user is None or message.from_user is None or \
            pin.from_user.id != message.from_user.id:
        await _say(bot, chat_id, group_texts.OWN_PIN)
        return
    words = (message.text or "").split()[1:]
    try:
        radius = int(words[0]) if words else rules.notify_radius_m
    except ValueError:
        radius = -1
    language = i18n.primary(words[1]) if len(words) > 1 else rules.default_language
    if language is None:
        await _say(bot, chat_id, how_to_link(deps))
        return
    where = Location(pin.location.latitude, pin.location.longitude)
    link = GroupLink(chat_id, message.chat.title or "", where, radius, language,
                     message.from_user.id)
    try:
        group = await deps.run(deps.community.link, link)
    except InvalidInput:
        await _say(bot, chat_id, how_to_link(deps))
        return
    except OutsideServiceArea:
        await _say(bot, chat_id, group_texts.OUTSIDE_AREA)
        return
    log.info("a community group was linked")
    i18n.use(group.language)
    await _say(bot, chat_id, str(group_texts.LINKED).format(
        radius=f"{number(group.radius_m)} m", cap=rules.max_group_announcements_per_day,
        quiet_start=rules.quiet_start.strftime("%H:%M"),
        quiet_end=rules.quiet_end.strftime("%H:%M")))


def how_to_link(deps: BotDeps) -> str:
    rules = deps.rules
    return str(group_texts.LINK_HOW).format(
        low=rules.group_radius_min_m, high=rules.group_radius_max_m,
        languages=", ".join(i18n.SHIPPED))


async def _say(bot: Bot, chat_id: int, text: Any) -> None:
    await send(ApiCall(bot, "sendMessage", {"chat_id": chat_id, "text": str(text)}))
