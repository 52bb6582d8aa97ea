"""What the bot set up about itself: command menus by scope and language, menu buttons."""

from __future__ import annotations

from typing import Any

from neighborshare.adapters.telegram.errors import bad_request

DEFAULT_SCOPE = {"type": "default"}
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
        self.commands[(scope_key(scope), language_code)] = [dict(c) for c in commands]
        return True

    def delete_commands(self, scope: dict[str, Any] | None, language_code: str) -> bool:
        self.commands.pop((scope_key(scope), language_code), None)
        return True

    def set_menu_button(self, chat_id: int | None, button: dict[str, Any] | None) -> bool:
        if button is not None and button.get("type") not in ("commands", "web_app", "default"):
            raise bad_request("unsupported menu button type")
        self.menu_buttons[chat_id] = button or {"type": "default"}
        return True

    def menu_button(self, chat_id: int | None) -> dict[str, Any]:
        return self.menu_buttons.get(chat_id) or self.menu_buttons.get(None) or {"type": "default"}
