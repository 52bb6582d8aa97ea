"""The command menu neighbors see beside the text field: set at every start-up (setMyCommands
replaces the whole list, so each deploy leaves Telegram's menu as this code has it)."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Bot
from telegram.error import TelegramError

from neighborshare.entrypoints.bot.outgoing import ApiCall, send
from neighborshare.presentation import i18n
from neighborshare.presentation.i18n import N_
from neighborshare.presentation.keyboards import MAP

log = logging.getLogger("neighborshare.bot")

MENU = (
    ("share", N_("Offer a dish")),
    ("browse", N_("See dishes nearby")),
    ("mine", N_("Your posts (edit, withdraw) and requests")),
    ("credits", N_("Your balance and recent movements")),
    ("settings", N_("Alerts, digests and language")),
    ("rate", N_("Rate a finished exchange")),
    ("report", N_("Tell the moderators about a problem")),
    ("start", N_("Set up or edit your profile")),
    ("mydata", N_("Everything kept about you, as a file")),
    ("deleteaccount", N_("Delete your account")),
    ("help", N_("What I can do")),
    ("cancel", N_("Stop what you're doing")),
)
# private chats only: in a group the bot answers a command with a pointer, and offers none
SCOPE = {"type": "all_private_chats"}
# what a group's admins (and only they) see in a group: linking it to its place
ADMIN_MENU = (
    ("linkgroup", N_("Link this group to its place: reply to a location pin")),
    ("unlinkgroup", N_("Stop posting new dishes in this group")),
)
ADMIN_SCOPE = {"type": "all_chat_administrators"}
COMMANDS_BUTTON: dict[str, Any] = {"type": "commands"}


def menu(language: str, entries: tuple[tuple[str, Any], ...] = MENU) -> list[dict[str, str]]:
    with i18n.speaking(language):
        return [{"command": name, "description": str(text)} for name, text in entries]


async def register_commands(bot: Bot, default_language: str) -> bool:
    """The menu in the community's language, and in each other shipped language for neighbors
    whose Telegram speaks it; the group admins' menu likewise. False (logged) if Telegram
    refused: the bot works without it."""
    languages: list[str | None] = [None, *(c for c in i18n.SHIPPED if c != default_language)]
    try:
        for scope, entries in ((SCOPE, MENU), (ADMIN_SCOPE, ADMIN_MENU)):
            for code in languages:
                commands = menu(code or default_language, entries)
                await ApiCall(bot, "setMyCommands", {"commands": commands, "scope": scope,
                                                     "language_code": code})()
    except TelegramError as error:
        log.warning("the command menu could not be set: %s", type(error).__name__)
        return False
    return True


def menu_button(url: str | None, language: str) -> dict[str, Any]:
    """The Map (a web_app button opening the Mini App), else the list of commands."""
    if not url:
        return COMMANDS_BUTTON
    with i18n.speaking(language):
        return {"type": "web_app", "text": str(MAP), "web_app": {"url": url}}


async def register_menu_button(bot: Bot, url: str | None, default_language: str) -> bool:
    """The button beside the text field of every private chat (Telegram has menu buttons only
    there): the Map when a Mini App is set up, else the commands again. False (logged) if
    Telegram refused: the bot works without it."""
    try:
        await ApiCall(bot, "setChatMenuButton",
                      {"menu_button": menu_button(url, default_language)})()
    except TelegramError as error:
        log.warning("the menu button could not be set: %s", type(error).__name__)
        return False
    return True


async def follow_language(bot: Bot, chat_id: int, url: str | None, language: str) -> None:
    """This private chat's menu button in its neighbor's language (the Map's label), once they
    set up their profile or choose a language; sent with the update's answers."""
    if url:
        await send(ApiCall(bot, "setChatMenuButton",
                           {"chat_id": chat_id, "menu_button": menu_button(url, language)}))
