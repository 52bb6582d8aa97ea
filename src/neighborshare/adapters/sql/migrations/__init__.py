"""Alembic migrations for both dialects, and functions to run them from code."""

from __future__ import annotations

import io
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext

HERE = Path(__file__).resolve().parent


def config(url: str, output: io.StringIO | None = None) -> Config:
    """An Alembic configuration for ``url`` (kept out of the ini so '%' needs no escaping)."""
    cfg = Config(str(HERE / "alembic.ini"), stdout=output or io.StringIO())
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["url"] = url
    return cfg


def shown(url: str) -> str:
    """The URL as it may be printed: without its password."""
    return sa.make_url(url).render_as_string(hide_password=True)


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(config(url), revision)


def current(url: str) -> str | None:
    """The revision the database is at, or None for an empty database."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head() -> str:
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(config("sqlite://")).get_current_head())
