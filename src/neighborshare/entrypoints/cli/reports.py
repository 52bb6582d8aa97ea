"""`neighborshare reports`: the moderators' queue of reports and what they decide."""

from __future__ import annotations

from datetime import timedelta

import click

from neighborshare.domain.reports import UNHANDLED, ModerationAction, ReportCategory, ReportStatus
from neighborshare.entrypoints.cli import output, views
from neighborshare.entrypoints.cli.common import (
    OperatorGroup,
    acting_moderator,
    acting_option,
    container,
    json_option,
)
from neighborshare.ports.queries import ReportFilter
from neighborshare.services.moderation import Resolution

STATUSES = [s.value for s in ReportStatus] + ["all"]
LIST_COLUMNS = (
    ("id", "#"),
    ("age", "Age"),
    ("status", "Status"),
    ("category", "Category"),
    ("reported_name", "Reported"),
    ("reported_id", "User #"),
    ("prior_reports", "Prior reports"),
    ("description", "What happened"),
)


@click.group(cls=OperatorGroup)
def reports() -> None:
    """Triage reports from neighbors: list, show, claim, resolve or dismiss.

    Reading needs no identity; claim, resolve and dismiss act as the moderator given by
    --as USER_ID or NEIGHBORSHARE_MODERATOR, who may not handle a report involving themselves.
    """


@reports.command("list")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help="Repeatable; default: open and in_review.",
)
@click.option("--category", type=click.Choice([c.value for c in ReportCategory]))
@click.option("--user", "reported_id", type=int, metavar="USER_ID", help="The reported neighbor.")
@click.option("--older-than", type=click.FloatRange(min=0), metavar="DAYS", help="Age at least.")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@json_option
def list_reports(
    statuses: tuple[str, ...],
    category: str | None,
    reported_id: int | None,
    older_than: float | None,
    limit: int,
    as_json: bool,
) -> None:
    """Reports, oldest first, with how many earlier reports the reported neighbor had."""
    c = container()
    now = c.clock().now()
    chosen = () if "all" in statuses else statuses or tuple(s.value for s in UNHANDLED)
    query = ReportFilter(
        statuses=tuple(sorted(chosen)),
        category=category,
        reported_id=reported_id,
        created_before=now - timedelta(days=older_than) if older_than is not None else None,
        limit=limit,
    )
    rows = [views.report_line(line, now) for line in c.casework().queue(query)]
    if as_json:
        output.print_json(rows)
    elif not rows:
        output.say("No reports match.")
    else:
        output.render(output.table(f"Reports ({len(rows)})", rows, LIST_COLUMNS))


@reports.command("show")
@click.argument("report_id", type=int)
@json_option
def show_report(report_id: int, as_json: bool) -> None:
    """A report with its post, exchange, evidence and both neighbors' histories."""
    case = container().casework().case(report_id)
    evidence = _evidence(case.report.evidence_ref)
    if as_json:
        output.print_json(
            {
                "report": views.report_row(case.report) | {"evidence": evidence},
                "post": views.post_row(case.post) if case.post else None,
                "exchange": views.exchange_row(case.exchange) if case.exchange else None,
                "reported": views.history_row(case.reported),
                "reporter": views.history_row(case.reporter) if case.reporter else None,
            }
        )
        return
    report = views.report_row(case.report) | {"evidence": evidence}
    parts = [output.fields(f"Report #{case.report.id}", report)]
    if case.post:
        parts.append(output.fields("Post", views.summary(views.post_row(case.post))))
    if case.exchange:
        parts.append(output.fields("Exchange", views.exchange_row(case.exchange)))
    parts += views.history_tables("Reported neighbor", case.reported)
    if case.reporter:
        parts += views.history_tables("Reporter", case.reporter)
    output.render(*parts)


def _evidence(ref: str | None) -> str | None:
    """A presigned URL (S3) or a local file path; the photo store refuses a missing photo."""
    if ref is None:
        return None
    url: str = container().photo_store().url(ref)
    return url.removeprefix("file://")


@reports.command("claim")
@click.argument("report_id", type=int)
@acting_option
@json_option
def claim(report_id: int, acting: int | None, as_json: bool) -> None:
    """Take a report into review so that other moderators leave it to you."""
    report = container().moderation().claim(acting_moderator(acting), report_id)
    output.done(
        as_json, views.report_row(report), f"Report #{report_id} is now in review with you."
    )


@reports.command("resolve")
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
    """Resolve a report with an action; the reported neighbor and the reporter are told."""
    chosen = ModerationAction(action)
    if days is not None and chosen is not ModerationAction.SUSPEND:
        raise click.UsageError("--days goes with --action suspend.")
    if (amount is not None) != (chosen is ModerationAction.ADJUST_CREDITS):
        raise click.UsageError("--amount N goes with --action adjust-credits (and is required).")
    resolution = Resolution(chosen, note, days=days, amount=amount)
    report = container().moderation().resolve(acting_moderator(acting), report_id, resolution)
    output.done(as_json, views.report_row(report), f"Report #{report_id} resolved: {action}.")


@reports.command("dismiss")
@click.argument("report_id", type=int)
@click.option("--note", required=True, help="Why: kept in the audit log.")
@acting_option
@json_option
def dismiss(report_id: int, note: str, acting: int | None, as_json: bool) -> None:
    """Close a report without action; the reporter is told it was reviewed."""
    report = container().moderation().dismiss(acting_moderator(acting), report_id, note)
    output.done(as_json, views.report_row(report), f"Report #{report_id} dismissed.")
