"""`neighborshare db upgrade|current|downgrade`: migrate the configured database."""

from __future__ import annotations

import click

from neighborshare.settings import Settings

URL_HELP = "Database URL (default: NEIGHBORSHARE_DATABASE_URL from the settings)."


def _url(url: str | None) -> str:
    return url or Settings().database_url



@click.group()
def db() -> None:
    """Create and migrate the database."""


@db.command()
@click.argument("revision", default="head")
@click.option("--url", help=URL_HELP)
def upgrade(revision: str, url: str | None) -> None:
    """Migrate up to REVISION (default: head, the latest)."""
    from neighborshare.adapters.sql import migrations

    target = _url(url)
    migrations.upgrade(target, revision)
    click.echo(f"{migrations.shown(target)} is at revision {migrations.current(target)}.")


@db.command()
@click.argument("revision")
@click.option("--url", help=URL_HELP)
def downgrade(revision: str, url: str | None) -> None:
    """Migrate down to REVISION (e.g. -1, or base to remove every table)."""
    from neighborshare.adapters.sql import migrations

    target = _url(url)
    migrations.downgrade(target, revision)
    click.echo(f"{migrations.shown(target)} is at revision {migrations.current(target) or 'base'}.")


@db.command()
@click.option("--url", help=URL_HELP)
def current(url: str | None) -> None:
    """Show the database's revision and the latest one."""
    from neighborshare.adapters.sql import migrations

    target = _url(url)
    now, latest = migrations.current(target), migrations.head()
    state = "up to date" if now == latest else f"behind: run `neighborshare db upgrade` ({latest})"
    click.echo(f"{migrations.shown(target)}: revision {now or 'none'}, {state}")
