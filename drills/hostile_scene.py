"""The hostile-input drill's scene and what it checks after every example: errors logged,
apologies, markup Telegram would show differently, changed state, unbalanced books."""

from __future__ import annotations

import logging
from collections import Counter

from tests.support.databases import empty_postgis_database

from drills.books import broken
from drills.botchat import BotChat
from drills.hostile_input import foreign_markup
from drills.outcome import Outcome
from neighborshare.domain.exchanges import RESERVING_STATUSES
from neighborshare.presentation import texts

PROTECTED = ("exchanges", "credits", "ratings")
IDS = [1, 2, 3]  # the posts and exchanges of the scene
BUTTONS = ["x:acc", "x:dec", "x:cnl", "x:done", "x:ns", "rate", "post:req", "rq"]


class Errors(logging.Handler):
    """Collects what the bot logs as an error: an exception it did not expect."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage()[-600:])


def scene(database_url: str | None = None) -> BotChat:
    """Priya shares Dal (2, both accepted for Tom: exchange 1) and Soup (1, Tom pending: 2);
    Eve, whose chosen name is markup, has nothing left to ask for. On the memory store, or on
    ``database_url`` emptied first."""
    if database_url is not None:
        empty_postgis_database(database_url)
    chat = BotChat(database_url)
    chat.onboard("priya", 51.5115, -0.1235, "4B")
    chat.onboard("tom", 51.5121, -0.1220, "7A")
    chat.onboard("eve", 51.5110, -0.1230, "9 <u>x</u> & 'co'", "Eve&amp;<i>x</i>&\"co\" Evil")
    chat.share("priya", "Dal", 2)
    chat.lines("@tom /request 1 2\n@priya <tap Accept>")
    chat.share("priya", "Soup", 1)
    chat.lines("@tom /request 2 1")
    with chat.container.uow_factory()() as uow:
        statuses = [uow.exchanges.get(i).status.value for i in (1, 2)]  # type: ignore[union-attr]
    assert statuses == ["accepted", "pending"], statuses  # the scene the checks rely on
    return chat


def protected(chat: BotChat) -> dict[str, list[str]]:
    return {name: chat.rows(name) for name in PROTECTED}


def send(chat: BotChat, who: str, action: tuple[str, str]) -> None:
    kind, value = action
    person = chat.neighbors.neighbor(who)
    if kind == "text":
        chat.send(chat.neighbors.text(person, value))
        return
    messages = chat.api.messages(person.telegram_id)
    chat.send(chat.neighbors.callback(person, messages[-1], value))


def problems(chat: BotChat, errors: Errors) -> list[str]:
    found = list(errors.records)
    for message in chat.api.sent:
        if str(texts.APOLOGY) in message.text:
            found.append(f"apology to {message.chat_id}")
        if (why := foreign_markup(message.text, message.parse_mode)) is not None:
            found.append(f"message {message.message_id}: {why}: {message.text[:200]!r}")
    found += [f"unknown Bot API method {m}" for m in chat.api.unknown]
    return found


def books(chat: BotChat) -> list[str]:
    """The ledger's invariants, read from the committed rows."""
    if chat.database_url is not None:
        return [f"{claim}: {n}" for claim, n in broken(chat.database_url).items()]
    users, ledger = chat.table("users").values(), list(chat.table("credits").values())
    found = [f"user {u.id} balance {u.balance} != ledger"
             for u in users if u.balance != sum(t.amount for t in ledger if t.user_id == u.id)
             or u.balance < 0]
    exchanges = list(chat.table("exchanges").values())
    for post in chat.table("posts").values():
        held = sum(e.portions for e in exchanges if e.post_id == post.id
                   and e.status in RESERVING_STATUSES)
        if not 0 <= post.portions_reserved == held <= post.portions:
            found.append(f"post {post.id} reserved {post.portions_reserved}, held {held}")
    linked = Counter((t.exchange_id, t.kind) for t in ledger if t.exchange_id)
    found += [f"movement {key} recorded {n} times" for key, n in linked.items() if n > 1]
    return found


def names_escaped(outcome: Outcome, database_url: str | None = None) -> None:
    """Eve's name and a dish's name are markup; whoever sees them sees the characters."""
    chat, errors = scene(database_url), Errors()
    logging.getLogger("neighborshare").addHandler(errors)
    try:
        chat.share("priya", "Pie <u>&</u> '; DROP TABLE posts; --", 2)
        chat.lines("@eve /request 3 1\n@eve /mine\n@priya /mine")
        seen = "\n".join(chat.shown_to("priya") + chat.shown_to("eve"))
        outcome.attempt("a neighbor named 'Eve&amp;<i>x</i>&\"co\" Evil' asks for "
                        "'Pie <u>&</u> '; DROP TABLE posts; --'")
        outcome.check("both names reach the other side as typed, with no markup or error",
                      'Eve&amp;<i>x</i>&"co" asked you for 1 portion of Pie <u>&</u>' in seen
                      and not problems(chat, errors) and len(chat.rows("posts")) == 3)
    finally:
        logging.getLogger("neighborshare").removeHandler(errors)
        chat.close()
