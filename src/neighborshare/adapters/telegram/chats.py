"""The chats the offline Bot API knows: their types, members, and whether the bot may write.

Telegram lets a bot write to a private chat only once the user started it (and not while they
block it), and to a group only while the bot is a member; every chat the bot writes to must
exist. ``ChatDirectory.check_send`` refuses the rest with Telegram's own descriptions.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from neighborshare.adapters.telegram.errors import BotApiError, bad_request, forbidden

PRIVATE, GROUP, SUPERGROUP, CHANNEL = "private", "group", "supergroup", "channel"
OWNER, ADMINISTRATOR, MEMBER, LEFT, BANNED = "creator", "administrator", "member", "left", "kicked"
PRESENT = (OWNER, ADMINISTRATOR, MEMBER)
User = dict[str, Any]  # a Telegram User object


@dataclass
class OfflineChat:
    """A chat; for a private chat ``id`` is the user's id and ``members`` holds only them."""

    id: int
    type: str
    title: str | None = None
    first_name: str | None = None
    members: dict[int, str] = field(default_factory=dict)  # user id -> status
    bot_status: str = MEMBER  # the bot in a private chat: member, or kicked when blocked
    started: bool = False  # private chats: the user pressed Start
    migrated_to: int | None = None  # a group upgraded to this supergroup

    @property
    def is_private(self) -> bool:
        return self.type == PRIVATE

    def as_chat(self) -> dict[str, Any]:
        """The Chat object Telegram puts in messages and updates."""
        chat: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.is_private:
            chat["first_name"] = self.first_name or str(self.id)
        else:
            chat["title"] = self.title or str(self.id)
        return chat


class ChatDirectory:
    """Every chat and user the offline Bot API has heard of."""

    def __init__(self, bot_user: User, strangers_started: bool = False) -> None:
        """``strangers_started``: take any user's private chat as started (a server answering
        updates posted to its webhook, which it never saw being made)."""
        self.bot_user = bot_user
        self.strangers_started = strangers_started
        self.users: dict[int, User] = {bot_user["id"]: bot_user}
        self._chats: dict[int, OfflineChat] = {}
        self._group_ids = itertools.count(1)
        self._throttled: dict[int, tuple[int, int]] = {}  # chat -> (retry_after, times left)

    def get(self, chat_id: int) -> OfflineChat | None:
        return self._chats.get(chat_id)

    def chat(self, chat_id: object) -> OfflineChat:
        """The chat a method names; Telegram's 400 "chat not found" if there is none."""
        chat = self._chats.get(_as_id(chat_id))
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def private(self, user: User) -> OfflineChat:
        """The user's private chat with the bot (made on first mention, not yet started)."""
        self.users.setdefault(user["id"], user)
        chat = self._chats.get(user["id"])
        if chat is None:
            chat = OfflineChat(user["id"], PRIVATE, first_name=user.get("first_name"),
                               members={user["id"]: MEMBER})
            self._chats[user["id"]] = chat
        return chat

    def start(self, user: User | int) -> OfflineChat:
        """The user pressed Start (or wrote to the bot): from now on the bot may write to them."""
        chat = self.private(user if isinstance(user, dict) else {"id": user, "is_bot": False,
                                                                 "first_name": str(user)})
        chat.started = True
        return chat

    def add_group(self, title: str, members: list[User] | tuple[User, ...] = (),
                  chat_type: str = SUPERGROUP, bot_status: str = MEMBER) -> OfflineChat:
        """A group, supergroup or channel; its first member owns it."""
        number = next(self._group_ids)
        chat_id = -number if chat_type == GROUP else -(10**12 + number)  # -100... like Telegram
        chat = OfflineChat(chat_id, chat_type, title=title, bot_status=bot_status)
        self._chats[chat_id] = chat
        for index, user in enumerate(members):
            self.join(chat, user, OWNER if index == 0 else MEMBER)
        return chat

    def group(self, title: str) -> OfflineChat | None:
        return next((c for c in self._chats.values()
                     if c.title == title and c.migrated_to is None), None)

    def upgrade(self, chat: OfflineChat) -> OfflineChat:
        """The group ``chat`` becomes a supergroup: a new id, its members and the bot kept."""
        number = next(self._group_ids)
        new = OfflineChat(-(10**12 + number), SUPERGROUP, title=chat.title,
                          members=dict(chat.members), bot_status=chat.bot_status)
        self._chats[new.id] = new
        chat.migrated_to = new.id
        return new

    def join(self, chat: OfflineChat, user: User, status: str = MEMBER) -> None:
        self.users.setdefault(user["id"], user)
        if chat.members.get(user["id"]) not in PRESENT or status != MEMBER:
            chat.members[user["id"]] = status

    def status(self, chat: OfflineChat, user_id: int) -> str:
        if user_id == self.bot_user["id"]:
            return chat.bot_status
        if user_id not in self.users:
            raise bad_request("user not found")
        return chat.members.get(user_id, LEFT)

    # -- what the bot may do ------------------------------------------------------------------

    def rate_limit(self, chat_id: int, retry_after: int = 1, times: int = 1) -> None:
        self._throttled[chat_id] = (retry_after, times)

    def block(self, user_id: int) -> None:
        self.start(self.users.get(user_id, user_id)).bot_status = BANNED

    def unblock(self, user_id: int) -> None:
        self.start(self.users.get(user_id, user_id)).bot_status = MEMBER

    def check_send(self, chat_id: object) -> OfflineChat:
        """The chat, if the bot may write there now; else Telegram's refusal."""
        retry_after, times = self._throttled.get(_as_id(chat_id), (0, 0))
        if times > 0:
            self._throttled[_as_id(chat_id)] = (retry_after, times - 1)
            raise BotApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
        known = _as_id(chat_id) in self._chats
        if self.strangers_started and not known and _as_id(chat_id) > 0:
            self.start(_as_id(chat_id))
        elif _as_id(chat_id) in self.users and not known:
            raise forbidden("bot can't initiate conversation with a user")
        chat = self.chat(chat_id)
        if chat.migrated_to is not None:
            raise BotApiError(400, "Bad Request: group chat was upgraded to a supergroup chat",
                              migrate_to_chat_id=chat.migrated_to)
        if chat.is_private:
            if chat.bot_status == BANNED:
                raise forbidden("bot was blocked by the user")
            if not chat.started:
                raise forbidden("bot can't initiate conversation with a user")
        elif chat.bot_status == BANNED:
            raise forbidden(f"bot was kicked from the {chat.type} chat")
        elif chat.bot_status not in PRESENT:
            raise forbidden(f"bot is not a member of the {chat.type} chat")
        return chat


def member_json(user: User, status: str) -> dict[str, Any]:
    """A ChatMember object as Telegram sends it (PTB needs every field of its kind)."""
    member: dict[str, Any] = {"user": user, "status": status}
    if status == OWNER:
        member["is_anonymous"] = False
    elif status == ADMINISTRATOR:
        member.update({"can_be_edited": False, "is_anonymous": False} | {
            f"can_{right}": right not in ("promote_members", "change_info")
            for right in ("manage_chat", "delete_messages", "manage_video_chats",
                          "restrict_members", "promote_members", "change_info", "invite_users",
                          "post_stories", "edit_stories", "delete_stories")})
    elif status == BANNED:
        member["until_date"] = 0
    return member


def _as_id(chat_id: object) -> int:
    try:
        return int(str(chat_id))
    except ValueError:  # "@channelusername": the offline API knows no usernames
        raise bad_request("chat not found") from None
