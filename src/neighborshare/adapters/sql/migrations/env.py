"""Alembic environment: one history for SQLite and PostgreSQL/PostGIS."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from neighborshare.adapters.sql import records  # noqa: F401  (registers its tables)
from neighborshare.adapters.sql.tables import metadata


def database_url() -> str:
    """The URL given by code (config attribute), by ``-x url=...``, or by the settings."""
    config = context.config
    url = config.attributes.get("url") or context.get_x_argument(as_dictionary=True).get("url")
    if url:
        return str(url)
    from neighborshare.settings import Settings

    return Settings().database_url


def run_migrations_online() -> None:
    url = sa.make_url(database_url())
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
