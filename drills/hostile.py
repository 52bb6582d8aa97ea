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
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from drills.hostile_input import FOUND, actions, presses
from drills.hostile_scene import (
    BUTTONS,
    IDS,
    Errors,
    books,
    names_escaped,
    problems,
    protected,
    scene,
    send,
)
from drills.outcome import Outcome
from drills.webhooks import throwaway_database


class Tally:
    def __init__(self, database_url: str | None) -> None:
        self.database_url = database_url  # None: the memory store
        self.examples = self.updates = 0


def attacker(tally: Tally, errors: Errors) -> Callable[..., None]:
    @given(st.lists(actions(IDS), min_size=1, max_size=6))
    def example(steps: list[tuple[str, str]]) -> None:
        chat = scene(tally.database_url)
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
    @given(st.lists(presses(BUTTONS, IDS), min_size=1, max_size=10))
    def example(steps: list[tuple[str, tuple[str, str]]]) -> None:
        chat = scene(tally.database_url)
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


def explore(outcome: Outcome, claim: str, build: Any, examples: int, fixed: bool,
            database_url: str | None) -> None:
    tally, errors = Tally(database_url), Errors()
    logging.getLogger("neighborshare").addHandler(errors)
    test = settings(max_examples=examples, deadline=None, database=None, derandomize=fixed,
                    suppress_health_check=list(HealthCheck))(build(tally, errors))
    if build is attacker:
        for steps in FOUND:
            test = example(steps)(test)
    try:
        test()
        failure = None
    except AssertionError as error:  # hypothesis has shrunk it to the smallest example
        failure = str(error)[:2000]
    finally:
        logging.getLogger("neighborshare").removeHandler(errors)
    where = "PostGIS" if database_url else "memory"
    outcome.attempt(f"{claim} ({where}): {tally.examples} examples, {tally.updates} updates")
    outcome.check(claim + (f" - FALSIFIED: {failure}" if failure else ""), failure is None)
    outcome.figure(f"updates, {where} ({claim[:30]}...)", tally.updates)


def run(examples: int = 200, fixed: bool = True, database_url: str | None = None) -> Outcome:
    """``fixed``: the same examples every run (CI); the script explores afresh each time.
    ``database_url``: a migrated PostGIS database to run on (emptied per example)."""
    outcome = Outcome("hostile input")
    names_escaped(outcome, database_url)
    explore(outcome, "attacker's updates: no exception, no state change, no foreign markup",
            attacker, examples, fixed, database_url)
    explore(outcome, "parties' buttons in any order: no exception, books balance",
            parties, max(10, examples // 2), fixed, database_url)
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500)
    parser.add_argument("--postgis", action="store_true", help="on a throwaway PostGIS database")
    args = parser.parse_args()
    if not 1 <= args.examples <= 100_000:
        parser.error("--examples from 1 to 100000")
    if not args.postgis:
        run(args.examples, fixed=False).print_and_exit()
    with throwaway_database() as url:
        outcome = run(args.examples, fixed=False, database_url=url)
    outcome.print_and_exit()


if __name__ == "__main__":
    main()
