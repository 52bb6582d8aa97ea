"""`neighborshare stats`: how the community is doing."""

from __future__ import annotations

import click

from neighborshare.entrypoints.cli import output
from neighborshare.entrypoints.cli.common import OperatorCommand, container, json_option


@click.command(cls=OperatorCommand)
@click.option("--days", type=click.IntRange(1, 365), default=7, show_default=True)
@json_option
def stats(days: int, as_json: bool) -> None:
    """Exchanges by state, portions, active neighbors, rates and open reports by age.

    Completion rate: completed / exchanges closed in the period. No-show rate: no-shows /
    (completed + no-shows) in the period. Active neighbors posted, requested or closed an
    exchange in the period.
    """
    figures = container().stats().community(days)
    if as_json:
        output.print_json(
            {
                "period_days": figures.period_days,
                "exchanges_by_state": figures.exchanges_by_state,
                "portions_offered": figures.portions_offered,
                "portions_handed_over": figures.portions_handed_over,
                "active_neighbors": figures.active_neighbors,
                "completion_rate": figures.completion_rate,
                "no_show_rate": figures.no_show_rate,
                "open_reports_by_age": figures.open_reports_by_age,
            }
        )
        return
    headline = {
        f"portions offered (last {days} days)": figures.portions_offered,
        f"portions handed over (last {days} days)": figures.portions_handed_over,
        "active neighbors": figures.active_neighbors,
        "completion rate": _percent(figures.completion_rate),
        "no-show rate": _percent(figures.no_show_rate),
    }
    output.render(
        output.fields("Community", headline),
        output.fields("Exchanges by state (all time)", figures.exchanges_by_state),
        output.fields("Open reports by age", figures.open_reports_by_age),
    )


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.0%}"
