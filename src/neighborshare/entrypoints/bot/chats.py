"""Which updates the bot acts on, by kind and by chat: flows run only in a neighbor's private
chat; in a group only a command is answered (with a pointer to the private chat).

Read twice per update: by the update processor's preload (an update the bot ignores is not
counted against the rate limit, nor does it lock the neighbor's conversation), and by the
first handler, which stops what the bot ignores before any other handler sees it.
"""

from __future__ import annotations

from enum import Enum

from telegram import Message, Update
from telegram.constants import ChatType, MessageEntityType
from telegram.ext import filters

# What webhook and polling ask Telegram for (allowed_updates); nothing else ever arrives
HANDLED_UPDATES = (
    "message", "callback_query", "my_chat_member", "inline_query", "chosen_inline_result"
)
GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)


class Kind(Enum):
    PRIVATE = "private"  # a neighbor's message or button in their chat with the bot: a turn
    GROUP_COMMAND = "group_command"  # one of our commands in a group: a pointer, nothing else
    STRAY_BUTTON = "stray_button"  # a tap outside a private chat: answered, nothing else
    MEMBERSHIP = "membership"  # the bot joined or left a chat, or a neighbor (un)blocked it
    INLINE = "inline"  # "@Bot words" typed in any chat, or the result a neighbor chose
    IGNORED = "ignored"  # anything else: edits, service messages, group chatter, channels...

    @property
    def counted(self) -> bool:
        """Does it count against the neighbor's updates a minute (the bot answers it)?"""
        return self in (Kind.PRIVATE, Kind.GROUP_COMMAND, Kind.STRAY_BUTTON)


def kind_of(update: Update, commands: frozenset[str], bot_username: str | None) -> Kind:
    """``commands`` are the bot's own; ``bot_username`` tells ``/x@OtherBot`` apart."""
    if update.my_chat_member is not None:
        return Kind.MEMBERSHIP
    if update.inline_query is not None or update.chosen_inline_result is not None:
        return Kind.INLINE  # answered to the neighbor alone; never a turn, never counted
    if update.callback_query is not None:
        chat = update.effective_chat
        private = chat is not None and chat.type == ChatType.PRIVATE
        return Kind.PRIVATE if private else Kind.STRAY_BUTTON
    message = update.message  # edited messages and channel posts are other fields: ignored
    if message is None or message.from_user is None or _is_service(update):
        return Kind.IGNORED
    if message.chat.type == ChatType.PRIVATE:
        return Kind.PRIVATE
    if message.chat.type in GROUPS and command_of(message, bot_username) in commands:
        return Kind.GROUP_COMMAND
    return Kind.IGNORED


def command_of(message: Message, bot_username: str | None) -> str | None:
    """The command a message opens with ("mine" for "/mine@Bot 3"), unless it is addressed
    to another bot."""
    entities = message.entities
    if not message.text or not entities or entities[0].type != MessageEntityType.BOT_COMMAND:
        return None
    if entities[0].offset != 0:
        return None
    word = message.text[1:entities[0].length]
    name, _, addressee = word.partition("@")
    if addressee and (bot_username is None or addressee.lower() != bot_username.lower()):
        return None
    return name.lower()


def _is_service(update: Update) -> bool:
    return bool(filters.StatusUpdate.ALL.check_update(update))
