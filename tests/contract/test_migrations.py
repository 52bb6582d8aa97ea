"""One Alembic history builds both dialects, takes them down to nothing, and builds them again."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner

from neighborshare.adapters.sql import migrations
from neighborshare.adapters.sql import records as _records  # noqa: F401  (its tables)
from neighborshare.adapters.sql.tables import metadata
from neighborshare.entrypoints.cli import main
from tests.support.databases import create_postgis_database, drop_postgis_database

TABLES = {t.name for t in metadata.sorted_tables}
# Indexes live in the migrations only; PostGIS's own table and the generated geog columns are
# not in the shared metadata.
IGNORED = {"spatial_ref_sys", "geog"}


@pytest.fixture(params=["sqlite", pytest.param("postgis", marks=pytest.mark.postgis)])
def fresh_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    url = create_postgis_database()  # already at head
    migrations.downgrade(url, "base")
    yield url
    drop_postgis_database(url)


def _tables(url):
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names()) - {"spatial_ref_sys"}
    finally:
        engine.dispose()


def _drift(url):
    """Differences between the migrated schema and the Core tables the queries use."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            diffs = compare_metadata(MigrationContext.configure(connection), metadata)
    finally:
        engine.dispose()
    return [d for d in _flat(diffs) if "index" not in d[0] and _name(d) not in IGNORED]


def _flat(diffs):
    for diff in diffs:
        yield from (diff if isinstance(diff, list) else [diff])


def _name(diff):
    item = diff[-1] if diff[0] == "remove_column" else diff[1]
    return getattr(item, "name", item)


def test_upgrade_downgrade_upgrade_round_trip(fresh_url):
    assert _tables(fresh_url) <= {"alembic_version"}
    migrations.upgrade(fresh_url)
    assert _tables(fresh_url) == TABLES | {"alembic_version"}
    assert migrations.current(fresh_url) == migrations.head()
    migrations.downgrade(fresh_url, "base")
    assert _tables(fresh_url) == {"alembic_version"}
    assert migrations.current(fresh_url) is None
    migrations.upgrade(fresh_url, "head")
    assert _tables(fresh_url) == TABLES | {"alembic_version"}
    assert _drift(fresh_url) == []


def test_db_commands_upgrade_report_and_downgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    upgraded = runner.invoke(main, ["db", "upgrade", "--url", url])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"is at revision {migrations.head()}" in upgraded.output
    assert "up to date" in runner.invoke(main, ["db", "current", "--url", url]).output
    down = runner.invoke(main, ["db", "downgrade", "base", "--url", url])
    assert down.exit_code == 0, down.output
    assert "is at revision base" in down.output
    assert "revision none, behind" in runner.invoke(main, ["db", "current", "--url", url]).output
