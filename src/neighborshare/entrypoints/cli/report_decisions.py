"""`neighborshare reports claim|resolve|dismiss`: what moderators decide (audited, told)."""

from __future__ import annotations

import click

from neighborshare.domain.reports import ModerationAction
from neighborshare.entrypoints.cli import output, views
from neighborshare.entrypoints.cli.common import (
    acting_moderator,
    acting_option,
    container,
    json_option,
)
from neighborshare.services.moderation import Resolution


@click.command("claim")
@click.argument("report_id", type=int)
@acting_option
@json_option
def claim(report_id: int, acting: int | None, as_json: bool) -> None:
    """Take a report into review (others leave it to you)."""
    report = container().moderation().claim(acting_moderator(acting), report_id)
    output.done(
        as_json, views.report_row(report), f"Report #{report_id} is now in review with you."
    )


@click.command("resolve")
@click.argument("report_id", type=int)
@click.option("--action", required=True, type=click.Choice([a.value for a in ModerationAction]))
@click.option("--days", type=click.IntRange(1, 3650), help="With suspend; none: until lifted.")
@click.option("--amount", "--credits", type=int, help="With adjust-credits: + or - credits.")
@click.option("--note", required=True, help="Why: kept in the audit log.")
@acting_option
@json_option
def resolve(
    report_id: int,
    action: str,
    days: int | None,
    amount: int | None,
    note: str,
    acting: int | None,
    as_json: bool,
) -> None:
    """Resolve a report with an action.

    The reported neighbor is told of the action, and the reporter that the report was
    reviewed; the reporter is never named to the reported neighbor.
    """
    chosen = ModerationAction(action)
    if days is not None and chosen is not ModerationAction.SUSPEND:
        raise click.UsageError("--days goes with --action suspend.")
    if (amount is not None) != (chosen is ModerationAction.ADJUST_CREDITS):
        raise click.UsageError("--amount N goes with --action adjust-credits (and is required).")
    resolution = Resolution(chosen, note, days=days, amount=amount)
    report = container().moderation().resolve(acting_moderator(acting), report_id, resolution)
    output.done(as_json, views.report_row(report), f"Report #{report_id} resolved: {action}.")


@click.command("dismiss")
@click.argument("report_id", type=int)
@click.option("--note", required=True, help="Why: kept in the audit log.")
@acting_option
@json_option
def dismiss(report_id: int, note: str, acting: int | None, as_json: bool) -> None:
    """Close a report without action.

    The reporter is told that it was reviewed.
    """
    report = container().moderation().dismiss(acting_moderator(acting), report_id, note)
    output.done(as_json, views.report_row(report), f"Report #{report_id} dismissed.")
