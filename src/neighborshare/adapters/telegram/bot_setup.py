"""What the bot set up about itself: command menus by scope and language, menu buttons."""

from __future__ import annotations

import re
from typing import Any

from telegram.constants import BotCommandLimit

from neighborshare.adapters.telegram.errors import bad_request
from neighborshare.adapters.telegram.refusals import check_web_app

DEFAULT_SCOPE = {"type": "default"}
_COMMAND = re.compile(rf"[a-z0-9_]{{1,{BotCommandLimit.MAX_COMMAND}}}")
Commands = list[dict[str, str]]


def scope_key(scope: dict[str, Any] | None) -> str:
    """"default", "all_group_chats", "chat:-1001", "chat_member:-1001:42"..."""
    scope = scope or DEFAULT_SCOPE
    return ":".join(str(scope[k]) for k in ("type", "chat_id", "user_id") if k in scope)


class BotSetup:
    def __init__(self) -> None:
        self.commands: dict[tuple[str, str], Commands] = {}  # (scope, language) -> commands
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}  # None: the default one

    def commands_for(self, scope: dict[str, Any] | None = None,
                     language_code: str = "") -> Commands:
        return self.commands.get((scope_key(scope), language_code), [])

    def set_commands(self, commands: Commands, scope: dict[str, Any] | None,
                     language_code: str) -> bool:
        """Telegram's rules: 1-32 lowercase letters, digits or "_"; 1-256 characters of
        description; at most 100 commands."""
        if len(commands) > BotCommandLimit.MAX_COMMAND_NUMBER:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= (
                    BotCommandLimit.MAX_DESCRIPTION):
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[(scope_key(scope), language_code)] = [dict(c) for c in commands]
        return True

    def delete_commands(self, scope: dict[str, Any] | None, language_code: str) -> bool:
        self.commands.pop((scope_key(scope), language_code), None)
        return True

    def set_menu_button(self, chat_id: int | None, button: dict[str, Any] | None) -> bool:
        if button is not None and button.get("type") not in ("commands", "web_app", "default"):
            raise bad_request("unsupported menu button type")
        if button is not None and button.get("type") == "web_app":
            if not str(button.get("text") or "").strip():
                raise bad_request("menu button text is empty")
            check_web_app(button.get("web_app"), "menu button")
        self.menu_buttons[chat_id] = button or {"type": "default"}
        return True

    def menu_button(self, chat_id: int | None) -> dict[str, Any]:
        return self.menu_buttons.get(chat_id) or self.menu_buttons.get(None) or {"type": "default"}
