"""Hostile-input drill: hypothesis throws random updates at the real bot (process_update on the
offline Bot API): text up to 4,096 characters with control, right-to-left, HTML and SQL
characters, commands with negative and huge numbers, forged callback data naming other
neighbors' posts and exchanges, and the parties' own buttons pressed in any order.

Holds after every example: no unhandled exception (nothing logged as an error, no apology), no
change to exchanges, credits or ratings from the attacker's refused input, the books balance
after any order of presses, and every message parses as Telegram HTML with no markup but the
bot's own <b>.

    .venv/bin/python -m drills.hostile --examples 500
"""

from __future__ import annotations

import argparse
import logging
from collections import Counter
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drills.botchat import BotChat
from drills.hostile_input import actions, foreign_markup
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


def scene() -> BotChat:
    """Priya shares Dal (2, both accepted for Tom: exchange 1) and Soup (1, Tom pending: 2);
    Eve, whose chosen name is markup, has nothing left to ask for."""
    chat = BotChat()
    chat.onboard("priya", 51.5115, -0.1235, "4B")
    chat.onboard("tom", 51.5121, -0.1220, "7A")
    chat.onboard("eve", 51.5110, -0.1230, "9 <u>x</u> & 'co'", "Eve <i>x</i> & \"co\"")
    chat.share("priya", "Dal", 2)
    chat.lines("@tom /request 1 2\n@priya <tap Accept>")
    chat.share("priya", "Soup", 1)
    chat.lines("@tom /request 2 1")
    return chat


def protected(chat: BotChat) -> dict[str, str]:
    return {name: repr(sorted(chat.table(name).items())) for name in PROTECTED}


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
        if texts.APOLOGY in message.text:
            found.append(f"apology to {message.chat_id}")
        if (why := foreign_markup(message.text, message.parse_mode)) is not None:
            found.append(f"message {message.message_id}: {why}: {message.text[:200]!r}")
    found += [f"unknown Bot API method {m}" for m in chat.api.unknown]
    return found


def books(chat: BotChat) -> list[str]:
    """The ledger's invariants, read from the committed rows."""
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


class Tally:
    def __init__(self) -> None:
        self.examples = self.updates = 0
        self.failures: list[str] = []


def attacker(tally: Tally, errors: Errors) -> Callable[..., None]:
    @given(st.lists(actions(IDS), min_size=1, max_size=6))
    def example(steps: list[tuple[str, str]]) -> None:
        chat = scene()
        errors.records.clear()
        try:
            before = protected(chat)
            for step in steps:
                send(chat, "eve", step)
            tally.examples, tally.updates = tally.examples + 1, tally.updates + len(steps)
            found = problems(chat, errors)
            if protected(chat) != before:
                found.append("eve's refused input changed exchanges, credits or ratings")
            assert not found, (steps, found)
        finally:
            chat.close()
    return example


def parties(tally: Tally, errors: Errors) -> Callable[..., None]:
    press = st.tuples(st.sampled_from(["priya", "tom"]), st.tuples(
        st.just("callback"), st.tuples(st.sampled_from(BUTTONS), st.sampled_from(IDS),
                                       st.sampled_from(["", ":1", ":2", ":5"])).map(
            lambda b: f"{b[0]}:{b[1]}{b[2]}")))
    @given(st.lists(press, min_size=1, max_size=10))
    def example(steps: list[tuple[str, tuple[str, str]]]) -> None:
        chat = scene()
        errors.records.clear()
        try:
            for who, step in steps:
                send(chat, who, step)
            tally.examples, tally.updates = tally.examples + 1, tally.updates + len(steps)
            found = problems(chat, errors) + books(chat)
            assert not found, (steps, found)
        finally:
            chat.close()
    return example


def explore(outcome: Outcome, claim: str, build: Any, examples: int) -> None:
    tally, errors = Tally(), Errors()
    logging.getLogger("neighborshare").addHandler(errors)
    test = settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))(build(tally, errors))
    try:
        test()
        failure = None
    except AssertionError as error:  # hypothesis has shrunk it to the smallest example
        failure = str(error)[:2000]
    finally:
        logging.getLogger("neighborshare").removeHandler(errors)
    outcome.attempt(f"{claim}: {tally.examples} examples, {tally.updates} updates")
    outcome.check(claim + (f" - FALSIFIED: {failure}" if failure else ""), failure is None)
    outcome.figure(f"updates ({claim[:40]}...)", tally.updates)


def run(examples: int = 200) -> Outcome:
    outcome = Outcome("hostile input")
    explore(outcome, "attacker's updates: no exception, no state change, no foreign markup",
            attacker, examples)
    explore(outcome, "parties' buttons in any order: no exception, books balance",
            parties, max(10, examples // 2))
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500)
    args = parser.parse_args()
    if not 1 <= args.examples <= 100_000:
        parser.error("--examples from 1 to 100000")
    run(args.examples).print_and_exit()


if __name__ == "__main__":
    main()
