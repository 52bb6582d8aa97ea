"""Printing for people (rich tables) and for scripts (JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any

import click

Columns = Sequence[tuple[str, str]]  # (key in the row, column title)


def plain(value: Any) -> Any:
    """A JSON-friendly copy of ``value``."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return items if isinstance(value, list | tuple) else sorted(items, key=str)
    return value


def print_json(data: Any) -> None:
    click.echo(json.dumps(plain(data), indent=2, ensure_ascii=False))


def cell(value: Any) -> str:
    """Text for a table cell; neighbors' text never reaches the terminal as control codes."""
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(sorted(cell(v) for v in value)) or "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return "".join(ch if ch.isprintable() else "?" for ch in str(value))


def table(title: str, rows: Iterable[Mapping[str, Any]], columns: Columns) -> Any:
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=title, title_justify="left")
    for _, heading in columns:
        grid.add_column(heading, overflow="fold")
    for row in rows:
        # Text(...) rather than str: a name like "[red]x" must not be read as rich markup.
        grid.add_row(*(Text(cell(row.get(key))) for key, _ in columns))
    return grid


def fields(title: str, record: Mapping[str, Any]) -> Any:
    rows = [{"field": key.replace("_", " "), "value": value} for key, value in record.items()]
    return table(title, rows, (("field", "Field"), ("value", "Value")))


def render(*parts: Any) -> None:
    from rich.console import Console

    console = Console(soft_wrap=False, highlight=False)
    for part in parts:
        console.print(part)


def say(text: str) -> None:
    click.echo(text)


def done(as_json: bool, row: Mapping[str, Any], message: str) -> None:
    """After an action: the changed record for scripts, one line for people."""
    if as_json:
        print_json(row)
    else:
        say(message)
