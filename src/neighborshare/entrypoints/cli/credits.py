"""`neighborshare credits`: balances, the ledger and moderators' adjustments (audited)."""

from __future__ import annotations

import click

from neighborshare.entrypoints.cli import output, views
from neighborshare.entrypoints.cli.common import (
    OperatorGroup,
    acting_moderator,
    acting_option,
    container,
    json_option,
)

HISTORY_COLUMNS = (
    ("id", "#"),
    ("at", "When"),
    ("amount", "Amount"),
    ("kind", "Kind"),
    ("description", "Description"),
    ("exchange_id", "Exchange"),
)


@click.group(cls=OperatorGroup)
def credits() -> None:
    """Credit balances and history; adjustments as the moderator given by --as."""


@credits.command("balance")
@click.argument("user_id", type=int)
@json_option
def balance(user_id: int, as_json: bool) -> None:
    """A neighbor's current balance."""
    statement = container().credits().statement(user_id, limit=0)
    row = {"user_id": user_id, "balance": statement.balance}
    output.done(as_json, row, f"Neighbor #{user_id} has {statement.balance} credits.")


@credits.command("history")
@click.argument("user_id", type=int)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@json_option
def history(user_id: int, limit: int, as_json: bool) -> None:
    """A neighbor's latest credit movements."""
    statement = container().credits().statement(user_id, limit=limit)
    rows = [views.credit_row(tx) for tx in statement.recent]
    if as_json:
        output.print_json({"user_id": user_id, "balance": statement.balance, "history": rows})
        return
    title = f"Neighbor #{user_id}: balance {statement.balance}"
    output.render(output.table(title, rows, HISTORY_COLUMNS))


# ignore_unknown_options lets a negative AMOUNT ("-3") through as an argument.
@credits.command("adjust", context_settings={"ignore_unknown_options": True})
@click.argument("user_id", type=int)
@click.argument("amount", type=int)
@click.option("--reason", required=True, help="Why: kept in the ledger and the audit log.")
@acting_option
@json_option
def adjust(user_id: int, amount: int, reason: str, acting: int | None, as_json: bool) -> None:
    """Add or remove credits (negative AMOUNT).

    A balance never goes below zero; the neighbor is told, with the reason.
    """
    moderation = container().moderation()
    user = moderation.adjust_credits(acting_moderator(acting), user_id, amount, reason)
    row = {"user_id": user_id, "amount": amount, "balance": user.balance}
    output.done(as_json, row, f"Adjusted neighbor #{user_id} by {amount:+d}: now {user.balance}.")
