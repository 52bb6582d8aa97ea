"""Where each command, button and message goes."""

from __future__ import annotations

from neighborshare.entrypoints.bot.flows import (
    basics,
    browsing,
    exchanges,
    my_data,
    my_posts,
    onboarding,
    rating,
    reporting,
    settings,
    sharing,
)
from neighborshare.entrypoints.bot.guard import Step
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import group_texts, texts


async def start(turn: Turn) -> None:
    """/start, or /start PAYLOAD from a deep link (t.me/Bot?start=PAYLOAD): a registered
    neighbor gets the dish's card or the command the link names, a new one onboarding first
    (and then the dish's card)."""
    payload = deep_link(turn)
    post_id = browsing.linked_post(payload)
    if post_id is None and payload not in LINKED_COMMANDS:
        await onboarding.start(turn)
    elif not await turn.registered():
        await onboarding.start(turn, then_post=post_id)
    elif post_id is not None:
        await browsing.show_card(turn, post_id)
    else:
        await COMMANDS[payload](turn)


def deep_link(turn: Turn) -> str:
    message = turn.update.message
    words = (message.text or "").split() if message is not None else []
    return words[1] if len(words) > 1 else ""


COMMANDS: dict[str, Step] = {
    "start": start,
    "share": sharing.start,
    "browse": browsing.start,
    "request": exchanges.request_command,
    "credits": basics.credits,
    "rate": rating.start,
    "report": reporting.start,
    "mine": exchanges.mine,
    "mydata": my_data.export,
    "settings": settings.start,
    "deleteaccount": my_data.delete_account,
    "help": basics.help_,
    "cancel": basics.cancel,
}

# what a deep link may run for a registered neighbor (the pointer a group command gets)
LINKED_COMMANDS = frozenset(COMMANDS) - {"start", "cancel", "request"}

# callback data is "prefix:..."; the prefixes "post", "x", "rate" and "st" are shared with the
# notification templates in presentation/notifications.py and digests.py
BUTTONS: dict[str, Step] = {
    "ob": onboarding.on_button,
    "sh": sharing.on_button,
    "br": browsing.on_button,
    "post": exchanges.on_card_button,
    "rq": exchanges.on_portions,
    "x": exchanges.on_button,
    "rate": rating.from_button,
    "rt": rating.on_button,
    "rp": reporting.on_button,
    "da": my_data.on_button,
    "mp": my_posts.on_button,
    "st": settings.on_button,
}

FLOWS: dict[str, Step] = {
    onboarding.FLOW: onboarding.on_message,
    sharing.FLOW: sharing.on_message,
    rating.FLOW: rating.on_message,
    reporting.FLOW: reporting.on_message,
    my_posts.FLOW: my_posts.on_message,
}


async def on_button(turn: Turn) -> None:
    query = turn.update.callback_query
    prefix = (query.data or "").split(":", 1)[0] if query else ""
    step = BUTTONS.get(prefix)
    if step is None:
        await turn.say(texts.STALE_BUTTON)
        return
    await step(turn)


async def on_message(turn: Turn) -> None:
    step = FLOWS.get(turn.session.flow) if turn.session else None
    if step is None:
        await turn.say(texts.UNKNOWN)
        return
    await step(turn)


async def groups_only(turn: Turn) -> None:
    """/linkgroup or /unlinkgroup in a private chat: they belong in the group."""
    await turn.say(group_texts.PRIVATE_ONLY_IN_GROUP)


async def unknown_command(turn: Turn) -> None:
    await turn.say(texts.UNKNOWN_COMMAND)
