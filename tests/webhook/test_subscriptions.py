"""What the bot asks Telegram for (allowed_updates), and what it ignores costs a neighbor
nothing: not a reply, not a place in their updates a minute."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.entrypoints.bot.chats import HANDLED_UPDATES
from neighborshare.entrypoints.webhook.processing import Outcome
from tests.webhook.runtimes import runtime_with_priya


def test_the_webhook_subscribes_to_the_handled_update_types_only_and_sets_the_menu() -> None:
    api = OfflineBotApi()
    runtime = runtime_with_priya(api).runtime

    async def register() -> None:
        await runtime.start()
        try:
            await runtime.register_webhook("https://example.org/telegram/webhook", "s3cret")
        finally:
            await runtime.stop()

    asyncio.run(register())
    (params,) = [p for method, p in api.calls if method == "setWebhook"]
    assert params["allowed_updates"] == ["message", "callback_query", "my_chat_member",
                                         "inline_query", "chosen_inline_result"]
    assert params["allowed_updates"] == list(HANDLED_UPDATES)
    menus = [p for method, p in api.calls if method == "setMyCommands"]  # set at start-up
    private = [p for p in menus if p["scope"] == {"type": "all_private_chats"}]
    assert sorted(str(p.get("language_code")) for p in private) == ["None", "de", "es", "uk"]
    admins = [p for p in menus if p["scope"] == {"type": "all_chat_administrators"}]
    assert len(admins) == 4 and len(menus) == 8  # group admins: /linkgroup, /unlinkgroup


def ignored_updates(telegram_id: int, first_id: int) -> list[dict[str, Any]]:
    """Updates from Priya the bot does not act on: a reaction, an edit, group chatter."""
    user = {"id": telegram_id, "is_bot": False, "first_name": "Priya"}
    private = {"id": telegram_id, "type": "private", "first_name": "Priya"}
    group = {"id": -1001234567890, "type": "supergroup", "title": "Hall"}
    now = int(time.time())
    bodies: list[dict[str, Any]] = [
        {"message_reaction": {"chat": private, "message_id": 1, "user": user, "date": now,
                              "old_reaction": [],
                              "new_reaction": [{"type": "emoji", "emoji": "👍"}]}},
        {"edited_message": {"message_id": 2, "date": now, "edit_date": now, "chat": private,
                            "from": user, "text": "/start",
                            "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}},
        {"message": {"message_id": 3, "date": now, "chat": group, "from": user,
                     "text": "anyone for soup?"}},
    ]
    return [{"update_id": first_id + i} | bodies[i % len(bodies)] for i in range(15)]


def test_updates_the_bot_ignores_do_not_count_against_the_rate_limit() -> None:
    api = OfflineBotApi()
    bot = runtime_with_priya(api, onboarded=True)
    runtime, priya = bot.runtime, bot.priya
    help_ = bot.neighbors.text(priya, "/help").to_dict()
    ignored = ignored_updates(priya.telegram_id, help_["update_id"] + 1)

    async def run() -> list[Outcome]:
        await runtime.start()
        try:
            return [await runtime.processor.process(p) for p in [*ignored, help_]]
        finally:
            await runtime.stop()

    outcomes = asyncio.run(run())
    assert outcomes == [Outcome.PROCESSED] * 16
    (answer,) = api.messages(priya.telegram_id)
    assert "/share – offer a dish" in answer.shown
    assert api.messages(-1001234567890) == []
    with bot.container.uow_factory()() as uow:
        assert uow.sessions.get(priya.telegram_id) is None  # the edited /start began nothing
