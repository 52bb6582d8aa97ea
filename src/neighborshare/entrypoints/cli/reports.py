"""`neighborshare reports`: the moderators' queue of reports, and each report's case."""

from __future__ import annotations

from datetime import timedelta

import click

from neighborshare.domain.errors import NeighborShareError
from neighborshare.domain.reports import UNHANDLED, ReportCategory, ReportStatus
from neighborshare.entrypoints.cli import history, output, views
from neighborshare.entrypoints.cli.common import OperatorGroup, container, json_option
from neighborshare.entrypoints.cli.report_decisions import claim, dismiss, resolve
from neighborshare.ports.queries import ReportFilter
from neighborshare.presentation.refusals import explain  # English: the moderator CLI

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
    """Reports, oldest first, with prior report counts.

    Default: open and in-review reports. "Prior reports" counts the reports against the
    same neighbor filed before each one.
    """
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
        brief = [r | {"description": _shorten(r["description"])} for r in rows]
        output.render(output.table(f"Reports ({len(rows)})", brief, LIST_COLUMNS))


@reports.command("show")
@click.argument("report_id", type=int)
@json_option
def show_report(report_id: int, as_json: bool) -> None:
    """A report's whole case.

    The report, its post and exchange, the evidence (a presigned URL or a local path) and
    both neighbors' standing, ratings, recent exchanges and reports.
    """
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
    parts += history.history_tables("Reported neighbor", case.reported)
    if case.reporter:
        parts += history.history_tables("Reporter", case.reporter)
    output.render(*parts)


def _evidence(ref: str | None) -> str | None:
    """A presigned URL (S3) or a local file path; a lost photo must not hide the case."""
    if ref is None:
        return None
    try:
        url: str = container().photo_store().url(ref)
    except NeighborShareError as error:
        return f"unavailable: {explain(error)}"
    return url.removeprefix("file://")


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


for decision in (claim, resolve, dismiss):
    reports.add_command(decision)
