"""`neighborshare audit`: who did what, when and why."""

from __future__ import annotations

import click

from neighborshare.entrypoints.cli import output, views
from neighborshare.entrypoints.cli.common import OperatorGroup, container, json_option

COLUMNS = (
    ("id", "#"),
    ("at", "When"),
    ("actor_id", "Actor"),
    ("action", "Action"),
    ("target", "Target"),
    ("reason", "Why"),
)


@click.group(cls=OperatorGroup)
def audit() -> None:
    """The moderators' audit log.

    Actor "system" (null in JSON) marks automatic actions and the operator's --bootstrap.
    """


@audit.command("list")
@click.option("--actor", type=int, metavar="USER_ID", help="Only this moderator's actions.")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@json_option
def list_entries(actor: int | None, limit: int, as_json: bool) -> None:
    """The latest entries, newest first."""
    rows = [views.audit_row(e) for e in container().casework().audit_log(limit, actor)]
    if as_json:
        output.print_json(rows)
    elif not rows:
        output.say("The audit log is empty.")
    else:
        shown = [
            r | {"actor_id": "system" if r["actor_id"] is None else r["actor_id"]} for r in rows
        ]
        output.render(output.table(f"Audit log ({len(rows)})", shown, COLUMNS))
