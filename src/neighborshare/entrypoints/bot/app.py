"""Building the PTB Application: a rate-limit gate, then commands, buttons and flow steps."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from neighborshare.entrypoints.bot import community, groups, inline, routes
from neighborshare.entrypoints.bot.chats import Kind, command_of, kind_of
from neighborshare.entrypoints.bot.deps import BotDeps, deps_from
from neighborshare.entrypoints.bot.guard import guarded, log_failure
from neighborshare.entrypoints.bot.outgoing import ApiCall, answer_query, send
from neighborshare.entrypoints.bot.preload import TurnPreloader, preloaded_for, rate_key
from neighborshare.entrypoints.bot.sessions import ConversationStore
from neighborshare.presentation import i18n, texts

COMMAND_NAMES = frozenset(routes.COMMANDS) | community.COMMANDS


def build_application(
    container: Any, request: BaseRequest | None = None, token: str | None = None
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bot; ``request`` replaces the HTTP client (an OfflineBotApi for tests and chat)."""
    deps = deps_from(container)
    builder = Application.builder().token(token or _token(container, request)).updater(None)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app = builder.build()
    app.bot_data["deps"] = deps
    store = ConversationStore(deps.uow_factory, deps.clock)
    # the update processor (webhook, polling) reads the neighbor's state in its transaction
    app.bot_data["preloader"] = TurnPreloader(
        deps.rate_limiter, deps.rules.updates_per_minute, store, classify
    )
    add_handlers(app, deps, store)
    return app


def add_handlers(
    app: Application[Any, Any, Any, Any, Any, Any], deps: BotDeps, store: ConversationStore
) -> None:
    app.add_handler(TypeHandler(Update, _triage(deps)), group=-2)
    app.add_handler(TypeHandler(Update, _gate(deps)), group=-1)
    # past the triage, a message in a group is one of our commands: it gets the pointer
    app.add_handler(MessageHandler(filters.ChatType.GROUPS, _pointer(deps)))
    for name, step in routes.COMMANDS.items():
        app.add_handler(CommandHandler(name, guarded(step, deps, store)))
    for name in community.COMMANDS:  # in a private chat: where they work instead
        app.add_handler(CommandHandler(name, guarded(routes.groups_only, deps, store)))
    app.add_handler(MessageHandler(filters.COMMAND, guarded(routes.unknown_command, deps, store)))
    app.add_handler(CallbackQueryHandler(guarded(routes.on_button, deps, store)))
    # an edited message is not a new answer: only fresh messages move a conversation on
    fresh = filters.UpdateType.MESSAGE
    app.add_handler(MessageHandler(fresh, guarded(routes.on_message, deps, store)))


def classify(update: Update) -> Kind:
    return kind_of(update, COMMAND_NAMES, groups.username(update.get_bot()))


def _triage(deps: BotDeps) -> Any:
    async def triage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Let through what the bot answers; handle membership changes; stop the rest here,
        before the rate limit counts it."""
        kind = classify(update)
        if kind in (Kind.PRIVATE, Kind.GROUP_COMMAND):
            return
        try:
            if kind is Kind.MEMBERSHIP:
                await groups.on_membership(update, context.bot, deps)
            elif kind is Kind.INLINE:
                await inline.on_inline(update, context.bot, deps)
            elif update.message is not None and update.message.migrate_to_chat_id:
                await groups.on_migration(update, deps)
            elif kind is Kind.STRAY_BUTTON and update.callback_query is not None:
                await send(answer_query(update.callback_query))
        except Exception as error:
            log_failure(update, error)
        raise ApplicationHandlerStop

    return triage


def _pointer(deps: BotDeps) -> Any:
    async def pointer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A command in a group: linking the group, else one short pointer to the private
        chat."""
        message = update.message
        command = command_of(message, groups.username(context.bot)) if message else None
        try:
            if message is not None and command in community.COMMANDS:
                await community.on_command(message, command, context.bot, deps)
                return
            await groups.point_to_private_chat(update, context.bot, deps, routes.LINKED_COMMANDS)
        except Exception as error:
            log_failure(update, error)

    return pointer


def _gate(deps: BotDeps) -> Any:
    async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Let a neighbor through 10 updates a minute; tell them once when they go faster."""
        user = update.effective_user
        if user is None:
            return
        preloaded = preloaded_for(user.id)
        if preloaded is not None and preloaded.take("rate"):
            decision = preloaded.rate
        else:
            limit = deps.rules.updates_per_minute
            decision = await deps.run(deps.rate_limiter.hit, rate_key(user.id), limit, 60)
        if decision.allowed:
            return
        chat, query = update.effective_chat, update.callback_query
        if decision.first_refusal and chat is not None and chat.type == ChatType.PRIVATE:
            with i18n.speaking(i18n.choose(user.language_code, deps.rules.default_language)):
                text = str(texts.SLOW_DOWN)
            await send(ApiCall(context.bot, "sendMessage", {"chat_id": chat.id, "text": text}))
        if query is not None:
            await send(answer_query(query))
        raise ApplicationHandlerStop

    return gate


def _token(container: Any, request: BaseRequest | None) -> str:
    from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi

    if isinstance(request, OfflineBotApi):
        return OFFLINE_TOKEN
    secret = container.settings().telegram_token
    if secret is None:
        raise RuntimeError("NEIGHBORSHARE_TELEGRAM_TOKEN is not set")
    return str(secret.get_secret_value())
