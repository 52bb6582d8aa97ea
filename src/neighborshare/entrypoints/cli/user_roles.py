"""`neighborshare users promote|demote`, and appointing the very first moderator."""

from __future__ import annotations

import click

from neighborshare.domain.users import Role
from neighborshare.entrypoints.cli import output, views
from neighborshare.entrypoints.cli.common import (
    acting_moderator,
    acting_option,
    container,
    json_option,
)

reason_option = click.option("--reason", required=True, help="Why: kept in the audit log.")


@click.command("promote")
@click.argument("user_id", type=int)
@reason_option
@click.option(
    "--bootstrap",
    is_flag=True,
    help="Appoint the first moderator without --as; refused once any moderator exists.",
)
@acting_option
@json_option
def promote(user_id: int, reason: str, bootstrap: bool, acting: int | None, as_json: bool) -> None:
    """Make a neighbor a moderator.

    The very first moderator is appointed with --bootstrap (no --as needed): it works only
    while no moderator exists, and the audit log records it with the operator as actor.
    """
    c = container()
    if bootstrap and acting is not None:
        raise click.UsageError("--bootstrap appoints the first moderator; it takes no --as.")
    if bootstrap:
        user = c.first_moderator().appoint(user_id, reason)
    else:
        user = c.moderation().set_role(acting_moderator(acting), user_id, Role.MODERATOR, reason)
    output.done(as_json, views.user_row(user), f"Neighbor #{user_id} is now a moderator.")


@click.command("demote")
@click.argument("user_id", type=int)
@reason_option
@acting_option
@json_option
def demote(user_id: int, reason: str, acting: int | None, as_json: bool) -> None:
    """Take the moderator role away.

    Nobody can demote themselves; the neighbor is told.
    """
    moderation = container().moderation()
    user = moderation.set_role(acting_moderator(acting), user_id, Role.NEIGHBOR, reason)
    output.done(as_json, views.user_row(user), f"Neighbor #{user_id} is no longer a moderator.")
