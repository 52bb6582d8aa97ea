"""A neighbor's history as tables: standing, recent exchanges and the reports they filed."""

from __future__ import annotations

from typing import Any

from neighborshare.entrypoints.cli import output
from neighborshare.entrypoints.cli.views import history_row, summary
from neighborshare.services.casework import NeighborHistory

EXCHANGE_COLUMNS = (
    ("id", "#"),
    ("created_at", "Created"),
    ("status", "Status"),
    ("post_id", "Post"),
    ("requester_id", "Requester"),
    ("sharer_id", "Sharer"),
    ("portions", "Portions"),
)
REPORT_COLUMNS = (
    ("id", "#"),
    ("created_at", "Filed"),
    ("category", "Category"),
    ("status", "Status"),
    ("reported_id", "About"),
    ("resolution", "Outcome"),
)


def history_tables(title: str, history: NeighborHistory) -> list[Any]:
    """A neighbor's standing, recent exchanges and the reports they filed, as tables."""
    row = history_row(history)
    return [
        output.fields(title, summary(row)),
        output.table(f"{title}: recent exchanges", row["recent_exchanges"], EXCHANGE_COLUMNS),
        output.table(f"{title}: reports filed", row["reports_filed"], REPORT_COLUMNS),
    ]
