"""The offline Bot API's chats: types, groups and members, who the bot may write to, set-up."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from telegram import Bot, BotCommand, BotCommandScopeChat, MenuButtonCommands, Update
from telegram.error import BadRequest, Forbidden

from neighborshare.adapters.telegram.methods import DELETABLE_FOR_S
from neighborshare.adapters.telegram.neighbors import OfflineNeighbors
from neighborshare.adapters.telegram.offline import BOT_ID, OFFLINE_TOKEN, OfflineBotApi
from neighborshare.adapters.telegram.sent import SentMessage


def run(api: OfflineBotApi, action: Callable[[Bot, OfflineNeighbors], Awaitable[Any]]) -> Any:
    async def go() -> Any:
        async with Bot(OFFLINE_TOKEN, request=api, get_updates_request=api) as bot:
            return await action(bot, OfflineNeighbors(api, bot))

    return asyncio.run(go())


def test_a_neighbor_who_never_started_the_bot_cannot_be_messaged_until_they_write() -> None:
    api = OfflineBotApi()

    async def action(bot: Bot, neighbors: OfflineNeighbors) -> str:
        priya = neighbors.neighbor("priya")
        with pytest.raises(BadRequest, match=r"^Chat not found$"):
            await bot.send_message(priya.telegram_id, "hello")  # Telegram never heard of her
        hall = neighbors.group("hall", ["priya"])
        assert hall.type == "supergroup" and str(hall.id).startswith("-100")
        with pytest.raises(Forbidden, match=r"^Forbidden: bot can't initiate conversation with a"):
            await bot.send_message(priya.telegram_id, "hello")  # known from the group only
        update = neighbors.text(priya, "/start")
        assert update.effective_chat is not None and update.effective_chat.type == "private"
        sent = await bot.send_message(priya.telegram_id, "hello")
        return sent.chat.type

    assert run(api, action) == "private"


def test_updates_from_a_group_carry_its_type_and_the_bot_answers_there() -> None:
    api = OfflineBotApi()

    async def action(bot: Bot, neighbors: OfflineNeighbors) -> None:
        hall = neighbors.group("hall", ["priya", "tom"])
        basic = neighbors.group("stairs", ["sam"], chat_type="group")
        update = neighbors.text(neighbors.neighbor("tom"), "/mine@NeighborShareBot", chat=hall)
        assert update.effective_chat is not None
        assert (update.effective_chat.id, update.effective_chat.type) == (hall.id, "supergroup")
        assert update.effective_chat.title == "hall"
        assert neighbors.group("hall") is hall
        sent = await bot.send_message(hall.id, "Open a private chat with me")
        assert (sent.chat.type, sent.chat.title) == ("supergroup", "hall")
        assert (await bot.send_message(basic.id, "hi")).chat.type == "group"

    run(api, action)
    hall = api.chats.group("hall")
    assert hall is not None
    assert [m.text for m in api.messages(hall.id)] == ["Open a private chat with me"]


def test_chat_members_and_administrators() -> None:
    api = OfflineBotApi()

    async def action(bot: Bot, neighbors: OfflineNeighbors) -> None:
        hall = neighbors.group("hall", ["priya", "tom"])
        sam = neighbors.neighbor("sam")
        neighbors.text(sam, "/start")  # known, but not in the hall
        priya, tom = neighbors.neighbor("priya"), neighbors.neighbor("tom")
        assert (await bot.get_chat_member(hall.id, priya.telegram_id)).status == "creator"
        assert (await bot.get_chat_member(hall.id, tom.telegram_id)).status == "member"
        assert (await bot.get_chat_member(hall.id, sam.telegram_id)).status == "left"
        assert (await bot.get_chat_member(hall.id, BOT_ID)).status == "member"
        admins = await bot.get_chat_administrators(hall.id)
        assert [(a.user.id, a.status) for a in admins] == [(priya.telegram_id, "creator")]
        with pytest.raises(BadRequest, match=r"User not found"):
            await bot.get_chat_member(hall.id, 999)
        with pytest.raises(BadRequest, match=r"Chat not found"):
            await bot.get_chat_administrators(-5)
        with pytest.raises(BadRequest, match=r"no administrators in the private chat"):
            await bot.get_chat_administrators(sam.telegram_id)

    run(api, action)


def test_the_bot_added_to_and_removed_from_a_group() -> None:
    api = OfflineBotApi()

    async def action(bot: Bot, neighbors: OfflineNeighbors) -> list[tuple[str, str]]:
        priya = neighbors.neighbor("priya")
        hall = api.add_group("hall", (priya.as_user(),), "supergroup")
        stairs = api.add_group("stairs", (), "group")
        changes: list[Update] = [neighbors.remove_bot(priya, hall),
                                 neighbors.remove_bot(priya, stairs)]
        kicked = r"^Forbidden: bot was kicked from the supergroup chat$"
        with pytest.raises(Forbidden, match=kicked):
            await bot.send_message(hall.id, "hi")
        with pytest.raises(Forbidden, match=r"^Forbidden: bot is not a member of the group chat$"):
            await bot.send_message(stairs.id, "hi")
        changes.append(neighbors.add_bot(priya, hall))
        await bot.send_message(hall.id, "hi")
        assert (await bot.get_chat_member(hall.id, priya.telegram_id)).status == "creator"
        out = []
        for update in changes:
            change = update.my_chat_member
            assert change is not None and change.new_chat_member.user.id == BOT_ID
            assert change.from_user.id == priya.telegram_id
            out.append((change.old_chat_member.status, change.new_chat_member.status))
        return out

    assert run(api, action) == [("member", "kicked"), ("member", "left"), ("kicked", "member")]


def test_a_neighbor_blocks_and_unblocks_the_bot() -> None:
    api = OfflineBotApi()

    async def action(bot: Bot, neighbors: OfflineNeighbors) -> list[tuple[str, str]]:
        tom = neighbors.neighbor("tom")
        neighbors.text(tom, "/start")
        blocked = neighbors.block_bot(tom)
        with pytest.raises(Forbidden, match=r"^Forbidden: bot was blocked by the user$"):
            await bot.send_message(tom.telegram_id, "hi")
        unblocked = neighbors.unblock_bot(tom)
        await bot.send_message(tom.telegram_id, "welcome back")
        return [(u.my_chat_member.old_chat_member.status, u.my_chat_member.new_chat_member.status)
                for u in (blocked, unblocked) if u.my_chat_member]

    assert run(api, action) == [("member", "kicked"), ("kicked", "member")]
    (tom_id,) = [uid for uid in api.chats.users if uid != BOT_ID]
    assert api.last(tom_id).text == "welcome back"


def test_commands_are_kept_by_scope_and_language_and_the_menu_button_by_chat() -> None:
    api = OfflineBotApi()
    api.start(7)

    async def action(bot: Bot, neighbors: OfflineNeighbors) -> list[str]:
        await bot.set_my_commands([BotCommand("share", "Share a dish")])
        await bot.set_my_commands([BotCommand("partager", "Partager un plat")],
                                  language_code="fr")
        await bot.set_my_commands([BotCommand("help", "What I do")],
                                  scope=BotCommandScopeChat(-1001))
        await bot.set_chat_menu_button(7, MenuButtonCommands())
        return [c.command for c in await bot.get_my_commands(language_code="fr")]

    assert run(api, action) == ["partager"]
    assert api.setup.commands_for() == [{"command": "share", "description": "Share a dish"}]
    assert api.setup.commands_for({"type": "chat", "chat_id": -1001}) == [
        {"command": "help", "description": "What I do"}]
    assert api.setup.commands_for({"type": "all_group_chats"}) == []
    assert api.setup.menu_button(7) == {"type": "commands"}
    assert api.setup.menu_button(8) == {"type": "default"}


def test_callback_queries_are_answered_once_and_only_if_telegram_raised_them() -> None:
    api = OfflineBotApi()

    async def action(bot: Bot, neighbors: OfflineNeighbors) -> None:
        tom = neighbors.neighbor("tom")
        neighbors.text(tom, "/start")
        message = await bot.send_message(tom.telegram_id, "pick")
        query = neighbors.callback(tom, api.message(tom.telegram_id, message.message_id), "x:1")
        assert query.callback_query is not None
        with pytest.raises(BadRequest, match=r"^Query is too old and response timeout expired or"):
            await bot.answer_callback_query("12345")
        with pytest.raises(BadRequest, match=r"(?i)^message_too_long$"):
            await bot.answer_callback_query(query.callback_query.id, text="x" * 201)
        await bot.answer_callback_query(query.callback_query.id, text="x" * 200)
        with pytest.raises(BadRequest, match=r"(?i)query ID is invalid$"):
            await bot.answer_callback_query(query.callback_query.id)

    run(api, action)
    assert len(api.callback_answers) == 1


def test_unknown_files_and_messages_are_refused() -> None:
    api = OfflineBotApi()
    api.start(7)

    async def action(bot: Bot, neighbors: OfflineNeighbors) -> None:
        with pytest.raises(BadRequest, match=r"^Invalid file_id$"):
            await bot.get_file("nope")
        with pytest.raises(BadRequest, match=r"^Message to delete not found$"):
            await bot.delete_message(7, 99)

    run(api, action)


def test_delete_message_follows_telegrams_rights_and_its_48_hours() -> None:
    api = OfflineBotApi()
    outside = SentMessage(0, 0, "")  # a neighbor's own message in the group (an inline card)

    async def action(bot: Bot, neighbors: OfflineNeighbors) -> None:
        hall = neighbors.group("hall", ["priya"])
        own = await bot.send_message(hall.id, "New nearby")
        old = await bot.send_message(hall.id, "New nearby, days ago")
        api.message(hall.id, old.message_id).date -= DELETABLE_FOR_S + 1
        theirs = api.keep(SentMessage(hall.id, api.next_message_id(), "Dal",
                                      sender_id=neighbors.neighbor("priya").telegram_id))
        outside.chat_id, outside.message_id = hall.id, theirs.message_id
        assert await bot.delete_message(hall.id, own.message_id) is True
        with pytest.raises(BadRequest, match=r"^Message to delete not found$"):
            await bot.delete_message(hall.id, own.message_id)  # gone already
        for refused in (old.message_id, theirs.message_id):
            with pytest.raises(BadRequest, match=r"^Message can't be deleted$"):
                await bot.delete_message(hall.id, refused)
        hall.bot_status = "administrator"  # an admin deletes anyone's, at any age
        assert await bot.delete_message(hall.id, old.message_id) is True
        assert await bot.delete_message(hall.id, theirs.message_id) is True

    run(api, action)
    assert api.message(outside.chat_id, outside.message_id).deleted
