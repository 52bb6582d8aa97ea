"""`neighborshare users`: looking neighbors up and acting on their accounts (audited)."""

from __future__ import annotations

import dataclasses

import click

from neighborshare.entrypoints.cli import history, output, views
from neighborshare.entrypoints.cli.common import (
    OperatorGroup,
    acting_moderator,
    acting_option,
    container,
    json_option,
)
from neighborshare.entrypoints.cli.user_roles import demote, promote, reason_option

FIND_COLUMNS = (
    ("id", "#"),
    ("name", "Name"),
    ("role", "Role"),
    ("status", "Status"),
    ("balance", "Credits"),
    ("joined", "Joined"),
)


@click.group(cls=OperatorGroup)
def users() -> None:
    """Look up neighbors and suspend, ban, erase, promote or demote them.

    Actions act as the moderator given by --as USER_ID or NEIGHBORSHARE_MODERATOR, are written
    to the audit log and tell the neighbor through the bot.
    """


@users.command("show")
@click.argument("user_id", type=int)
@json_option
def show(user_id: int, as_json: bool) -> None:
    """A neighbor's standing, ratings and history."""
    record = container().casework().neighbor(user_id)
    if as_json:
        output.print_json(views.history_row(record))
    else:
        output.render(*history.history_tables(f"Neighbor #{user_id}", record))


@users.command("find")
@click.argument("text")
@click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True)
@json_option
def find(text: str, limit: int, as_json: bool) -> None:
    """Find neighbors by name, user id or Telegram id."""
    rows = [views.user_row(u) for u in container().casework().find(text, limit)]
    if as_json:
        output.print_json(rows)
    elif not rows:
        output.say("No neighbor matches.")
    else:
        output.render(output.table(f"Neighbors matching {text!r}", rows, FIND_COLUMNS))


@users.command("suspend")
@click.argument("user_id", type=int)
@click.option("--days", type=click.IntRange(1, 3650), help="Default: until `users unsuspend`.")
@reason_option
@acting_option
@json_option
def suspend(user_id: int, days: int | None, reason: str, acting: int | None, as_json: bool) -> None:
    """Pause a neighbor's account: no posting or requesting."""
    user = container().moderation().suspend_user(acting_moderator(acting), user_id, days, reason)
    length = f"for {days} days" if days else "until lifted"
    output.done(as_json, views.user_row(user), f"Neighbor #{user_id} suspended {length}.")


@users.command("unsuspend")
@click.argument("user_id", type=int)
@reason_option
@acting_option
@json_option
def unsuspend(user_id: int, reason: str, acting: int | None, as_json: bool) -> None:
    """Lift a suspension."""
    user = container().moderation().unsuspend_user(acting_moderator(acting), user_id, reason)
    output.done(as_json, views.user_row(user), f"Neighbor #{user_id} is active again.")


@users.command("ban")
@click.argument("user_id", type=int)
@reason_option
@acting_option
@json_option
def ban(user_id: int, reason: str, acting: int | None, as_json: bool) -> None:
    """Close a neighbor's account for good."""
    user = container().moderation().ban_user(acting_moderator(acting), user_id, reason)
    output.done(as_json, views.user_row(user), f"Neighbor #{user_id} banned.")


@users.command("erase")
@click.argument("user_id", type=int)
@reason_option
@acting_option
@json_option
def erase(user_id: int, reason: str, acting: int | None, as_json: bool) -> None:
    """Erase a neighbor's account for good, as /deleteaccount does (audited).

    Their open exchanges end with every hold returned, their dishes are withdrawn, and their
    name, apartment, location, photos and comments are erased; the ledger stays under a
    pseudonym, and the phone's keyed hash only refuses a second welcome bonus.
    """
    erased = container().erasure().erase(user_id, acting_moderator(acting), reason)
    output.done(as_json, dataclasses.asdict(erased),
                f"Neighbor #{user_id} erased, now {erased.pseudonym}: "
                f"{erased.requests_cancelled} requests cancelled, "
                f"{erased.dishes_withdrawn} dishes withdrawn, "
                f"{erased.photos_deleted} photos deleted.")


for role_command in (promote, demote):
    users.add_command(role_command)
