"""Outside a neighbor's private chat: a command in a group gets one pointer to the private chat;
the bot joining or leaving a chat, and a neighbor blocking or unblocking it (my_chat_member).

Nothing here reads a profile, a balance or a conversation: none of it may reach a group.
"""

from __future__ import annotations

import logging

from telegram import Bot, ChatMember, Update
from telegram.constants import ChatType

from neighborshare.entrypoints.bot.chats import GROUPS, command_of
from neighborshare.entrypoints.bot.deps import BotDeps
from neighborshare.entrypoints.bot.outgoing import ApiCall, send
from neighborshare.presentation import i18n, texts

log = logging.getLogger("neighborshare.bot")

PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER, ChatMember.RESTRICTED)


def username(bot: Bot) -> str | None:
    """The bot's @username, once ``initialize`` has asked Telegram (getMe)."""
    try:
        return bot.username
    except RuntimeError:
        return None


def private_chat_link(bot: Bot, start: str | None = None) -> str | None:
    """A t.me deep link that opens the private chat (and sends ``/start START`` there)."""
    name = username(bot)
    if name is None:
        return None
    return f"https://t.me/{name}" + (f"?start={start}" if start else "")


async def _say_in_group(bot: Bot, chat_id: int, text: str, link: str | None) -> None:
    """``text`` (plain, no HTML) and, when the link is known, a button into the private chat;
    in the community's language, since a group has many readers."""
    markup = None
    if link is not None:
        markup = {"inline_keyboard": [[{"text": str(texts.OPEN_PRIVATE_CHAT), "url": link}]]}
    await send(ApiCall(bot, "sendMessage", {"chat_id": chat_id, "text": str(text),
                                            "reply_markup": markup}))


async def point_to_private_chat(
    update: Update, bot: Bot, deps: BotDeps, linked: frozenset[str]
) -> None:
    """One short reply to a command in a group, with a button into the private chat, where
    the same command runs when it is one of ``linked`` (the deep link's payload)."""
    message = update.message
    if message is None:
        return
    command = command_of(message, username(bot))
    link = private_chat_link(bot, command if command in linked else None)
    with i18n.speaking(deps.rules.default_language):
        await _say_in_group(bot, message.chat.id, texts.GROUP_POINTER, link)


async def on_migration(update: Update, deps: BotDeps) -> None:
    """A group was upgraded to a supergroup (Telegram's service message in the old group):
    a community group's link follows it to the new chat id."""
    message = update.message
    if message is not None and message.migrate_to_chat_id is not None:
        moved = await deps.run(deps.community.move, message.chat.id, message.migrate_to_chat_id)
        if moved:
            log.info("a community group moved to its supergroup")


async def on_membership(update: Update, bot: Bot, deps: BotDeps) -> None:
    """The bot's own membership changed: a neighbor blocked or unblocked it (private chat),
    or it was added to or removed from a group."""
    change = update.my_chat_member
    if change is None:
        return
    before, now = change.old_chat_member.status, change.new_chat_member.status
    chat = change.chat
    if chat.type == ChatType.PRIVATE:
        if now == ChatMember.BANNED or now in PRESENT:
            reachable = now != ChatMember.BANNED
            await deps.run(deps.users.set_reachable, change.from_user.id, reachable)
            log.info("a neighbor %s the bot", "unblocked" if reachable else "blocked")
        return
    joined = now in PRESENT and before not in PRESENT
    if chat.type in GROUPS and now not in PRESENT:  # removed: no more announcements there
        await deps.run(deps.community.unlink, chat.id)
    if chat.type in GROUPS and joined:
        with i18n.speaking(deps.rules.default_language):
            await _say_in_group(bot, chat.id, texts.GROUP_HELLO, private_chat_link(bot))
    log.info("the bot is now %s in a %s chat", now, chat.type)
