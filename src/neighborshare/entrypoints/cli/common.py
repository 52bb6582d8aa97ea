"""What the operator commands share: the container, the acting moderator and exit codes.

Exit codes: 0 done, 1 refused (a domain error, shown as one line), 2 usage (Click's own).
Tests pass a ready container as ``obj`` (``CliRunner().invoke(main, args, obj=container)``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from neighborshare.container import Container
from neighborshare.domain.errors import NeighborShareError
from neighborshare.presentation import refusals  # in English: the moderator CLI

F = TypeVar("F", bound=Callable[..., Any])

NO_SCHEMA = "The database has no tables yet: run `neighborshare db upgrade` first."


def container(ctx: click.Context | None = None) -> Container:
    """The root context's container, built from settings on first use."""
    root = (ctx or click.get_current_context()).find_root()
    if root.obj is None:
        root.obj = Container()
    built: Container = root.obj
    return built


def acting_option(command: F) -> F:
    """``--as USER_ID``: who acts; defaults to NEIGHBORSHARE_MODERATOR."""
    return click.option(
        "--as",
        "acting",
        type=int,
        metavar="USER_ID",
        help="The moderator acting (default: NEIGHBORSHARE_MODERATOR).",
    )(command)


def acting_moderator(acting: int | None) -> int:
    """The acting moderator's user id; the services check the role on every action."""
    chosen = acting if acting is not None else container().settings().moderator
    if chosen is None:
        raise click.UsageError("Say who is acting: --as USER_ID or NEIGHBORSHARE_MODERATOR.")
    return chosen


def explain(error: Exception) -> str:
    """One line for anything unexpected: never a stack trace in a moderator's terminal."""
    text = str(error).lower()
    if "no such table" in text or ("relation" in text and "does not exist" in text):
        return NO_SCHEMA
    first_line = (str(error).strip().splitlines() or [""])[0][:200]
    return f"Unexpected {type(error).__name__}: {first_line}".rstrip(": ")


def _guarded(invoke: Callable[[], Any]) -> Any:
    try:
        return invoke()
    except NeighborShareError as error:
        raise click.ClickException(refusals.explain(error)) from None
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except Exception as error:
        raise click.ClickException(explain(error)) from None


class OperatorGroup(click.Group):
    """A group whose commands turn domain errors into exit code 1 and a one-line message."""

    def invoke(self, ctx: click.Context) -> Any:
        return _guarded(lambda: super(OperatorGroup, self).invoke(ctx))


class OperatorCommand(click.Command):
    def invoke(self, ctx: click.Context) -> Any:
        return _guarded(lambda: super(OperatorCommand, self).invoke(ctx))


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
